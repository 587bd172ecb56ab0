import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewBankTransaction } from '../../application/ports/bank-repository.ts';
import { stageLine } from './bank.repository.ts';
import { copyText } from './raw-session.ts';

/** The staging row as it was written before stageLine: an array per row, each value escaped by copyText. */
function copyTextOfRow(tx: NewBankTransaction): string {
  const row = [
    tx.id, tx.entryKey, tx.entryIdentity, tx.account, tx.statementId, tx.direction, tx.amountText, tx.currency, tx.amountCents, tx.bookingDate,
    tx.valueDate, tx.endToEndId, tx.accountServicerRef, tx.rfReference, [...tx.structuredRefs, ...tx.unstructured].join(' | ').slice(0, 1000) || null,
    tx.payerName, tx.payerIban, tx.returnReason, tx.status, tx.note,
  ];
  return copyText([row]).toString('utf8').slice(0, -1);
}

// Text as a bank file may hold it: mostly plain, sometimes with what COPY escapes (tab, backslash, line
// breaks, a literal `\N`), non-ASCII, or empty.
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '\\N', '\\', '\t', '\n', '\r', 'a\tb', 'c\\d', 'Gaël Müller', '😀'),
  fc.array(fc.constantFrom('a', 'Z', ' ', '|', '\t', '\\', '\n', '\r', 'N', 'é'), { maxLength: 8 }).map((chars) => chars.join('')),
);
const nullable = fc.option(text, { nil: null });

const transaction: fc.Arbitrary<NewBankTransaction> = fc.record({
  id: fc.uuid(), entryKey: text, entryIdentity: text, account: text, statementId: nullable, direction: fc.constantFrom('credit' as const, 'debit' as const),
  amountText: text, currency: text, amountCents: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: null }), booked: fc.boolean(),
  bookingDate: nullable, valueDate: nullable, endToEndId: nullable, accountServicerRef: nullable, structuredRefs: fc.array(text, { maxLength: 3 }),
  unstructured: fc.array(text, { maxLength: 3 }), payerName: nullable, payerIban: nullable, returnReason: nullable,
  rfReference: nullable, status: fc.constantFrom('unmatched' as const, 'not_applicable' as const), note: nullable,
});

describe('staging rows as COPY text', () => {
  it('writes each transaction exactly as the per-value escaping did (property)', () => {
    fc.assert(fc.property(transaction, (tx) => {
      expect(stageLine(tx)).toBe(copyTextOfRow(tx));
    }), { numRuns: 5_000 });
  });

  it('escapes a value with a tab, a backslash or a line break, and writes NULL as \\N', () => {
    const tx: NewBankTransaction = {
      id: '019a2f3c-1234-7abc-8def-0123456789ab', entryKey: 'FR76|asr:A\tB|0', entryIdentity: 'FR76|asr:A\tB', account: 'FR76', statementId: null,
      direction: 'credit', amountText: '25.00', currency: 'EUR', amountCents: 2500, booked: true, bookingDate: '2026-11-20', valueDate: null,
      endToEndId: 'E2E\\1', accountServicerRef: 'A\tB', structuredRefs: [], unstructured: ['ligne 1\nligne 2'], payerName: 'PAYEUR', payerIban: null,
      returnReason: null, rfReference: null, status: 'unmatched', note: null,
    };
    const line = stageLine(tx);
    expect(line).toBe(copyTextOfRow(tx));
    expect(line.split('\t')).toHaveLength(20);
    expect(line).toContain('FR76|asr:A\\tB|0');
    expect(line).toContain('E2E\\\\1');
    expect(line).toContain('ligne 1\\nligne 2');
    expect(line).toContain('\t\\N\t');
  });
});
