import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CivilDate } from '../time/index.ts';
import { buildStatement, commissionCents, overdueFunds, remittanceDeadline } from './remittance.ts';

const d = (s: string) => s as CivilDate;

describe('commissionCents (mandate rate, CPCE-exéc R124-3)', () => {
  it('applies basis points and rounds half away from zero to the cent', () => {
    expect(commissionCents(10_000, 1500)).toBe(1500);
    expect(commissionCents(1, 5000)).toBe(1); // 0.5 cent → 1
    expect(commissionCents(1, 4999)).toBe(0);
    expect(commissionCents(-1, 5000)).toBe(-1);
    expect(commissionCents(333, 1000)).toBe(33);
    expect(commissionCents(335, 1000)).toBe(34);
  });

  it('is exact beyond 2^53 / 10 000 (BigInt)', () => {
    expect(commissionCents(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a rate outside 0–10 000 bps and fractional cents', () => {
    expect(() => commissionCents(100, 10_001)).toThrow(RangeError);
    expect(() => commissionCents(1.5, 100)).toThrow(RangeError);
  });

  it('property: never more than the amount, within half a cent of the exact value, odd in the amount', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
      const c = commissionCents(amount, bps);
      expect(Math.abs(c)).toBeLessThanOrEqual(Math.abs(amount));
      expect(Math.abs(c * 10_000 - amount * bps)).toBeLessThanOrEqual(5_000);
      expect(commissionCents(-amount, bps)).toBe(-c || 0);
    }));
  });
});

describe('remittance deadline (CPCE-exéc R124-6: one month from actual collection)', () => {
  it('is one calendar month later, clamped to the end of a shorter month', () => {
    expect(remittanceDeadline(d('2027-03-15'))).toBe('2027-04-15');
    expect(remittanceDeadline(d('2027-01-31'))).toBe('2027-02-28');
  });

  it('flags funds waiting more than one month, with the oldest and the days late', () => {
    const held = [{ valueDate: d('2027-01-10'), amountCents: 5000 }, { valueDate: d('2027-02-20'), amountCents: 700 }, { valueDate: d('2027-03-01'), amountCents: 100 }];
    expect(overdueFunds(held, d('2027-02-10'))).toBeNull();
    expect(overdueFunds(held, d('2027-02-11'))).toEqual({ overdueCents: 5000, overdueCount: 1, oldestCollectedOn: '2027-01-10', deadline: '2027-02-10', daysOverdue: 1 });
    expect(overdueFunds(held, d('2027-03-21'))).toMatchObject({ overdueCents: 5700, overdueCount: 2 });
  });
});

describe('buildStatement', () => {
  it('sums per mandate, commissions the net (including direct payments), pays over what the agency holds', () => {
    const totals = buildStatement([
      { mandateId: 'm1', mandateReference: 'M-1', commissionBps: 1500, amountCents: 10_000, heldByAgency: true },
      { mandateId: 'm1', mandateReference: 'M-1', commissionBps: 1500, amountCents: 2_000, heldByAgency: false },
      { mandateId: 'm1', mandateReference: 'M-1', commissionBps: 1500, amountCents: -1_000, heldByAgency: true },
      { mandateId: 'm2', mandateReference: 'M-2', commissionBps: 1000, amountCents: 333, heldByAgency: true },
    ]);
    expect(totals.lines).toEqual([
      { mandateId: 'm1', mandateReference: 'M-1', commissionBps: 1500, collectedCents: 10_000, directCents: 2_000, reversedCents: 1_000, netCents: 11_000, commissionCents: 1_650 },
      { mandateId: 'm2', mandateReference: 'M-2', commissionBps: 1000, collectedCents: 333, directCents: 0, reversedCents: 0, netCents: 333, commissionCents: 33 },
    ]);
    expect(totals).toMatchObject({ collectedCents: 10_333, directCents: 2_000, reversedCents: 1_000, commissionCents: 1_683, payableCents: 10_333 - 1_000 - 1_683 });
  });

  it('property: the lines add up exactly to the totals; payable = collected − reversed − commission', () => {
    const entry = fc.record({
      mandateId: fc.constantFrom('a', 'b', null), mandateReference: fc.constant(null), commissionBps: fc.constantFrom(0, 1000, 1250),
      amountCents: fc.integer({ min: -100_000, max: 1_000_000 }), heldByAgency: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
      const t = buildStatement(entries);
      expect(t.lines.reduce((s, l) => s + l.commissionCents, 0)).toBe(t.commissionCents);
      expect(t.collectedCents + t.directCents - t.reversedCents).toBe(entries.reduce((s, e) => s + e.amountCents, 0) + 0);
      expect(t.payableCents).toBe(t.collectedCents - t.reversedCents - t.commissionCents);
    }));
  });
});
