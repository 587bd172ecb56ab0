import { describe, expect, it } from 'vitest';
import { lintDocument } from '../lint.ts';
import { disputeOutcome } from './dispute-outcome.ts';
import { sampleLaterContext } from './sample-context.ts';

const text = (outcome: 'upheld' | 'rejected', locale: 'fr' | 'en') => {
  const ctx = { ...sampleLaterContext, locale, dispute: { receivedOn: '2027-03-18', reason: 'montant erroné', outcome } };
  const document = disputeOutcome.build(ctx, 'email');
  expect(lintDocument(document, { template: disputeOutcome, context: ctx })).toEqual([]);
  return JSON.stringify(document);
};

describe('dispute outcome notice', () => {
  it('tells the debtor that collection resumes when the dispute is rejected, and how to respond', () => {
    expect(text('rejected', 'fr')).toMatch(/reprennent/);
    expect(text('rejected', 'fr')).toMatch(/justificatifs/);
    expect(text('rejected', 'en')).toMatch(/resumes/);
  });

  it('tells the debtor the case is closed and nothing is owed when it is upheld', () => {
    expect(text('upheld', 'fr')).toMatch(/vous ne devez rien/);
    expect(text('upheld', 'en')).toMatch(/you owe nothing/);
  });

  it('quotes the dispute date and reason', () => {
    expect(text('rejected', 'fr')).toContain('18 mars 2027');
    expect(text('rejected', 'fr')).toContain('montant erroné');
  });
});
