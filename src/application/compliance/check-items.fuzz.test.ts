/**
 * Fuzzing the compliance situation JSON (issue #9): any value — garbage, a valid situation with one
 * field replaced by anything — gives a decision or an error naming the field; never a throw, never an
 * "internal error" (an exception the code did not foresee).
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { baseSituation } from '../../domain/contact-policy/test-situations.ts';
import { computeLimitationItem, decideContactItem } from './check-items.ts';

// Thousands of runs on a shared machine: seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

const paths = [
  ['at'], ['channel'], ['purpose'], ['profile'], ['debtor'], ['debtor', 'postcode'], ['debtor', 'country'], ['debtor', 'timeZone'], ['debtor', 'phone'],
  ['case'], ['case', 'status'], ['case', 'noticeSentAt'], ['case', 'limitationExpiresOn'], ['suspensions'], ['preferences'],
  ['preferences', 'quietHours'], ['preferences', 'optOut'], ['preferences', 'wrongNumbers'], ['history'],
] as const;

function withField(path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(baseSituation) as unknown as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1)!] = value;
  return copy;
}

/** Values that look almost right: dates and instants off by a character, odd zones, huge lists. */
const nearlyValid = fc.oneof(
  fc.constantFrom('2027-02-30', '2027-13-01', '2027-03-10T25:00:00Z', '2027-03-10T10:00:00', '99999-01-01T00:00:00Z', 'Mars/Olympus', '+3361234',
    '00000', '97', 'FR', 'ZZ', '', ' ', 'call', 'letter', 'closed_paid', '24:00', '23:60'),
  fc.array(fc.record({ channel: fc.constantFrom('call', 'sms', 'x'), at: fc.constantFrom('2027-03-09T10:00:00Z', 'yesterday'), outcome: fc.constantFrom('conversation', null, 'maybe') }), { maxLength: 3 }),
  fc.array(fc.record({ kind: fc.constantFrom('dispute', 'nope'), from: fc.constantFrom('2027-03-01T00:00:00Z', '2027-02-29T00:00:00Z'), until: fc.constantFrom(null, '2026-01-01T00:00:00Z') }), { maxLength: 2 }),
  fc.array(fc.record({ from: fc.constantFrom('08:00', '8h', '25:00'), to: fc.constantFrom('20:00', '07:59') }), { maxLength: 2 }),
);

describe('compliance situation JSON under fuzzing', () => {
  it('answers any value with a decision or an error, never a throw nor an internal error', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (input) => {
      const outcome = decideContactItem(input);
      if (!outcome.ok) expect(outcome.error).not.toMatch(/^internal error/);
    }), { numRuns: 3_000 });
  });

  it('names the field when one field of a valid situation is replaced by anything', () => {
    fc.assert(fc.property(fc.constantFrom(...paths), fc.oneof(fc.anything(), nearlyValid), (path, value) => {
      const outcome = decideContactItem(withField(path, value));
      if (outcome.ok) return;
      expect(outcome.error).not.toMatch(/^internal error/);
      // The error starts from the situation's own field names (debtor.postcode, history[0].at…).
      expect(outcome.error).toMatch(new RegExp(`^(input|${path[0]})|${path.at(-1)}`));
    }), { numRuns: 3_000 });
  });

  it('answers any limitation input with a result or an error, never an internal error', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.record({
      category: fc.constantFrom('telecom', 'consumer_credit', 'rent', 'x'), debtorType: fc.constantFrom('consumer', 'professional', 'other'),
      dueDate: fc.constantFrom('2024-01-31', '2024-02-30', 'soon'), events: fc.array(fc.record({ kind: fc.string({ maxLength: 12 }), date: fc.constantFrom('2025-01-01', '2025-1-1') }), { maxLength: 2 }),
    })), (input) => {
      const outcome = computeLimitationItem(input);
      if (!outcome.ok) expect(outcome.error).not.toMatch(/^internal error/);
    }), { numRuns: 2_000 });
  });
});
