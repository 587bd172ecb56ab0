import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMoney } from './parse-money.ts';

describe('parseMoney', () => {
  it.each([
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1 234,56', 123456],
    ['1\u00A0234,56', 123456],
    ['1\u202F234,56', 123456],
    ['1 234 567,89', 123456789],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1 234.5', 123450],
    ['1234,5', 123450],
    ['1234', 123400],
    ['0,01', 1],
    ['  42 ', 4200],
    ['007', 700],
  ])('reads %j as %i cents', (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it('reads negative amounts only when allowed', () => {
    expect(parseMoney('-12,30', { allowNegative: true })).toBe(-1230);
    expect(Object.is(parseMoney('-0', { allowNegative: true }), 0)).toBe(true);
    expect(() => parseMoney('-12,30')).toThrow(/negative/);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['12.345', /ambiguous/],
    ['1,234', /ambiguous/],
    ['1,2345', /more than 2 decimals/],
    ['1 234,567', /more than 2 decimals/],
    ['1.234.567', /several/],
    ['12,34.56', /groups/],
    ['1 23,45', /groups/],
    ['1  234', /groups/],
    ['1.234,56 7', /three kinds/],
    ['NaN', /not a decimal/],
    ['Infinity', /not a decimal/],
    ['1e5', /not a decimal/],
    ['1,5e2', /decimals must be digits/],
    ['0x10', /not a decimal/],
    ['+5', /not a decimal/],
    ['.5', /not a decimal/],
    ['5.', /decimals must be digits/],
    ['12 €', /groups|not a decimal/],
    ['90071992547409.92', /too large/],
  ])('refuses %j', (text, why) => {
    expect(() => parseMoney(text)).toThrow(why);
  });

  it('accepts the largest exact amount', () => {
    expect(parseMoney('90071992547409,91')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('round-trips every cent amount written with either decimal mark (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.boolean(), (amount, comma) => {
      // The text is built from the integer's digits, never from a float.
      const digits = String(amount).padStart(3, '0');
      const text = `${digits.slice(0, -2)}${comma ? ',' : '.'}${digits.slice(-2)}`;
      expect(parseMoney(text)).toBe(amount);
    }));
  });
});
