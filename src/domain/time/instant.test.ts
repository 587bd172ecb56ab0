import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instantFromEpochMs, parseInstant, parseInstantToEpochMs } from './instant.ts';

describe('Instant', () => {
  it('reads Z and offsets into the same instant', () => {
    expect(parseInstant('2027-03-26T09:15:00Z')).toBe('2027-03-26T09:15:00Z');
    expect(parseInstant('2027-03-26T10:15:00+01:00')).toBe('2027-03-26T09:15:00Z');
    expect(parseInstant('2027-03-25T23:30:00-10:00')).toBe('2027-03-26T09:30:00Z');
    expect(parseInstant('2027-03-26T09:15Z')).toBe('2027-03-26T09:15:00Z');
    expect(parseInstant('2027-03-26T09:15:00.1234Z')).toBe('2027-03-26T09:15:00.123Z');
    expect(parseInstantToEpochMs('1970-01-01T00:00:00Z')).toBe(0);
  });

  it('refuses impossible or zoneless date-times', () => {
    for (const text of ['2027-02-31T10:00:00Z', '2027-03-26T24:00:00Z', '2027-03-26T10:60:00Z',
      '2027-03-26T10:00:00', '2027-03-26', 'yesterday', '2027-03-26T10:00:00+25:00']) {
      expect(() => parseInstant(text)).toThrow(/invalid instant/);
    }
  });

  it('agrees with Date.prototype.toISOString (property)', () => {
    fc.assert(fc.property(fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 }), (ms) => {
      const iso = new Date(ms).toISOString();
      expect(parseInstantToEpochMs(iso)).toBe(ms);
      expect(instantFromEpochMs(ms)).toBe(ms % 1000 === 0 ? iso.replace('.000Z', 'Z') : iso);
    }));
  });
});
