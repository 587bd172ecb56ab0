import { describe, expect, it } from 'vitest';
import { cents } from '../money/index.ts';
import { affordability, rsaCoefficientTenths } from './affordability.ts';

describe('affordability (C. conso L731-2: at least the RSA amount is left to live on)', () => {
  // The CAF/Lefebvre Dalloz table in force from 1 April 2025 (décret 2025-293), an independent source.
  it.each([
    [1, 0, 64652], [2, 0, 96978], [1, 1, 96978], [1, 2, 116374], [2, 1, 116374], [2, 2, 135770],
  ] as const)('%i adult(s) and %i child(ren): living allowance %i cents', (adults, children, expected) => {
    expect(affordability(cents(0), cents(0), { adults, children }, '2025-06-01').livingAllowance).toBe(expected);
  });

  it('adds 40 % of the base from the third child on (CASF R262-1)', () => {
    expect(rsaCoefficientTenths({ adults: 2, children: 3 })).toBe(25);
    expect(rsaCoefficientTenths({ adults: 1, children: 3 })).toBe(22);
    expect(rsaCoefficientTenths({ adults: 2, children: 4 })).toBe(29);
  });

  it('leaves income minus charges minus the allowance, never negative', () => {
    const couple = affordability(cents(250000), cents(90000), { adults: 2, children: 1 }, '2025-09-01');
    expect(couple.monthlyCapacity).toBe(250000 - 90000 - 116374);
    expect(affordability(cents(100000), cents(60000), { adults: 1, children: 0 }, '2025-09-01').monthlyCapacity).toBe(0);
  });

  it('says when the figure it used may be out of date (a revaluation is due every 1 April)', () => {
    expect(affordability(cents(0), cents(0), { adults: 1, children: 0 }, '2026-03-31').figureMayBeOutdated).toBe(false);
    const later = affordability(cents(0), cents(0), { adults: 1, children: 0 }, '2026-11-26');
    expect(later.figureMayBeOutdated).toBe(true);
    expect(later.rsaFigure.source).toContain('2025-293');
  });

  it('refuses impossible households and amounts', () => {
    expect(() => affordability(cents(0), cents(0), { adults: 3 as 1, children: 0 }, '2026-01-01')).toThrow(/adults/);
    expect(() => affordability(cents(0), cents(0), { adults: 1, children: -1 }, '2026-01-01')).toThrow(/children/);
    expect(() => affordability(cents(-1), cents(0), { adults: 1, children: 0 }, '2026-01-01')).toThrow(/income/);
  });
});
