import { describe, expect, it } from 'vitest';
import { debtorWideSuspensionReason, isDebtorWideSuspension } from './debtor-wide-suspension.ts';

describe('debtor-wide suspensions', () => {
  it('over-indebtedness stops every debt of the debtor (C. conso L722-2, L722-5)', () => {
    expect(isDebtorWideSuspension('over-indebtedness')).toBe(true);
    expect(debtorWideSuspensionReason('over-indebtedness')).toContain('L722-2');
  });

  it('a declared death stops every case (policy; the estate answers for the debts, C. civ. 724)', () => {
    expect(isDebtorWideSuspension('deceased')).toBe(true);
    expect(debtorWideSuspensionReason('deceased')).toContain('C. civ. 724');
  });

  it('a dispute, a documents request, a vulnerability pause and written-only stay on their case', () => {
    for (const kind of ['dispute', 'documents-requested', 'vulnerability', 'written-only']) expect(isDebtorWideSuspension(kind)).toBe(false);
  });
});
