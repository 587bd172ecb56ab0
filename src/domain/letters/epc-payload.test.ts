import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cents } from '../money/index.ts';
import { epcAmount, epcPayload } from './epc-payload.ts';
import { rfReference } from './rf-reference.ts';

const transfer = {
  bic: 'BNPAFRPPXXX', beneficiaryName: 'Amiable Recouvrement SAS', iban: 'FR76 3000 6000 0112 3456 7890 189',
  amountCents: cents(123456), rfReference: 'RF18 5390 0754 7034',
};

describe('EPC069-12 payload', () => {
  it('writes the twelve fields of version 002, SCT, UTF-8, with the RF reference as structured remittance', () => {
    expect(epcPayload({ ...transfer, note: 'Dossier HT-2026-1001' }).split('\n')).toEqual([
      'BCD', '002', '1', 'SCT', 'BNPAFRPPXXX', 'Amiable Recouvrement SAS', 'FR7630006000011234567890189', 'EUR1234.56',
      '', 'RF18539007547034', '', 'Dossier HT-2026-1001',
    ]);
  });

  it('drops trailing empty optional lines and allows no BIC (version 002 within the EEA)', () => {
    const payload = epcPayload({ ...transfer, bic: null });
    expect(payload.endsWith('RF18539007547034')).toBe(true);
    expect(payload.split('\n')[4]).toBe('');
  });

  it('writes amounts exactly from integer cents (property: agrees with BigInt arithmetic)', () => {
    expect(epcAmount(cents(1))).toBe('EUR0.01');
    expect(epcAmount(cents(10))).toBe('EUR0.10');
    expect(epcAmount(cents(99_999_999_999))).toBe('EUR999999999.99');
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), (amount) => {
      const text = epcAmount(cents(amount)).slice(3);
      const [euros, decimals] = text.split('.');
      expect(BigInt(euros!) * 100n + BigInt(decimals!)).toBe(BigInt(amount));
      expect(decimals).toHaveLength(2);
    }));
  });

  it('refuses what a bank app would refuse', () => {
    expect(() => epcAmount(cents(0))).toThrow(/between 1/);
    expect(() => epcAmount(cents(100_000_000_000))).toThrow(/between 1/);
    expect(() => epcPayload({ ...transfer, iban: 'FR7630006000011234567890188' })).toThrow(/IBAN/);
    expect(() => epcPayload({ ...transfer, bic: 'NOTABIC' })).toThrow(/BIC/);
    expect(() => epcPayload({ ...transfer, rfReference: 'RF19539007547034' })).toThrow(/RF reference/);
    expect(() => epcPayload({ ...transfer, beneficiaryName: 'x'.repeat(71) })).toThrow(/1 to 70/);
  });

  it('counts bytes, not characters, against the 331-byte limit', () => {
    const longest = { ...transfer, beneficiaryName: 'N'.repeat(70), note: 'n'.repeat(70), rfReference: rfReference('A'.repeat(21)) };
    expect(new TextEncoder().encode(epcPayload(longest)).length).toBeLessThanOrEqual(331);
    // 140 two-byte characters push it over: refused rather than silently truncated.
    expect(() => epcPayload({ ...longest, beneficiaryName: 'É'.repeat(70), note: 'œ'.repeat(70) })).toThrow(/more than 331/);
  });
});
