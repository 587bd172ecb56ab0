import { describe, expect, it } from 'vitest';
import { territoryFromPhone } from '../calendar/index.ts';
import { checkPhone } from './phone.ts';

describe('checkPhone', () => {
  // One number per numbering plan intake meets, read nationally in the debtor's territory.
  const samples: [string, string][] = [
    ['06 12 34 56 01', 'FR'], ['03 87 00 00 04', 'FR'], ['0690 12 34 08', 'GP'], ['0696 12 34 09', 'MQ'], ['0694 12 34 10', 'GF'],
    ['0692 12 34 11', 'RE'], ['0639 40 12 12', 'YT'], ['0690 12 34 13', 'MF'], ['0690 12 34 14', 'BL'], ['55 12 34', 'PM'],
    ['+32 470 12 34 56', 'FR'],
  ];

  it('gives the same territory as reading the stored E.164 number again (one parse instead of two)', () => {
    for (const [raw, country] of samples) {
      const result = checkPhone(raw, country);
      expect(result.ok, raw).toBe(true);
      if (result.ok) expect(result.territory, raw).toBe(territoryFromPhone(result.e164) ?? null);
    }
  });

  it('refuses premium-rate and invalid numbers', () => {
    expect(checkPhone('08 99 12 34 56', 'FR')).toMatchObject({ ok: false, code: 'premium_rate_phone' });
    expect(checkPhone('07 12 34 56 78', 'FR')).toMatchObject({ ok: false, code: 'invalid_phone' });
  });
});
