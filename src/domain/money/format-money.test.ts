import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cents } from './cents.ts';
import { formatMoney } from './format-money.ts';
import { parseMoney } from './parse-money.ts';

describe('formatMoney', () => {
  it('writes French and English euro amounts', () => {
    expect(formatMoney(cents(123456), 'fr')).toBe('1\u202F234,56\u00A0€');
    expect(formatMoney(cents(-5), 'fr')).toBe('-0,05\u00A0€');
    expect(formatMoney(cents(123456789), 'en')).toBe('€1,234,567.89');
    expect(formatMoney(cents(-100), 'en')).toBe('-€1.00');
    expect(formatMoney(cents(Number.MAX_SAFE_INTEGER), 'en')).toBe('€90,071,992,547,409.91');
  });

  it('agrees with Intl.NumberFormat, an independent implementation (property)', () => {
    const fr = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    const en = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });
    // Below 10^12 cents, amount / 100 is formatted to 2 decimals without float error.
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (amount) => {
      expect(formatMoney(cents(amount), 'fr')).toBe(fr.format(amount / 100));
      expect(formatMoney(cents(amount), 'en')).toBe(en.format(amount / 100));
    }));
  });

  it('is read back by parseMoney (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (amount) => {
      const french = formatMoney(cents(amount), 'fr').replace('\u00A0€', '');
      expect(parseMoney(french)).toBe(amount);
    }));
  });
});
