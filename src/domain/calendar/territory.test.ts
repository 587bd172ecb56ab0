import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isTimeZone } from '../time/index.ts';
import { normalizePhone, territoryFromPhone } from './phone-territory.ts';
import { territoryFromPostcode } from './postcode.ts';
import { resolveDirectly, resolveTerritory, type DebtorLocation } from './resolve-territory.ts';
import { frenchTerritoryCodes, territories } from './territories.ts';

describe('territory from a postcode', () => {
  it.each([
    ['75001', 'FR-METRO'], ['01000', 'FR-METRO'], ['95880', 'FR-METRO'], ['20000', 'FR-COR'], ['20200', 'FR-COR'],
    ['57000', 'FR-57'], ['67000', 'FR-67'], ['68100', 'FR-68'],
    ['97110', 'FR-GP'], ['97133', 'FR-BL'], ['97150', 'FR-MF'], ['97200', 'FR-MQ'], ['97300', 'FR-GF'],
    ['97400', 'FR-RE'], ['97500', 'FR-PM'], ['97600', 'FR-YT'],
  ])('%s → %s', (postcode, territory) => {
    expect(territoryFromPostcode(postcode)).toBe(territory);
  });

  it.each(['00100', '96000', '97700', '98000', '98800', '7500', '750012', '2A004', ''])('refuses %j', (postcode) => {
    expect(() => territoryFromPostcode(postcode)).toThrow(/unknown postcode/);
  });
});

describe('territory from a phone number (libphonenumber-js/max metadata)', () => {
  it.each([
    ['+33387000000', 'FR-METRO'],
    ['03 87 00 00 00', 'FR-METRO'],
    ['+590590811234', 'FR-GP'], // a Guadeloupe-only fixed-line block
    ['+590590071234', 'FR-MF'], // a Saint-Martin-only block
    ['+590590871234', 'FR-GP'], // block shared by Saint-Barthélemy and Saint-Martin: ambiguous → GP
    ['+590690123456', 'FR-GP'], // mobiles are shared by all three
    ['+596596301234', 'FR-MQ'],
    ['+594594123456', 'FR-GF'],
    ['+262262123456', 'FR-RE'],
    ['+262692123456', 'FR-RE'],
    ['+262269601234', 'FR-YT'],
    ['+262639101234', 'FR-YT'],
    ['+508411234', 'FR-PM'],
    ['+2693712345', 'KM'], // the Comoros, not Mayotte
    ['+14155552671', 'US'],
  ])('%s → %s', (phone, territory) => {
    expect(territoryFromPhone(phone)).toBe(territory);
  });

  it('cannot read a non-number', () => {
    expect(territoryFromPhone('not a number')).toBeUndefined();
  });

  it('normalises numbers written differently to one form', () => {
    expect(normalizePhone('+33 3 87 00 00 00')).toBe('+33387000000');
    expect(normalizePhone('0033387000000')).toBe('+33387000000');
    expect(normalizePhone('03.87.00.00.00')).toBe('+33387000000');
  });
});

describe('resolveTerritory', () => {
  it('gives every French territory the zone of LEGAL_RULES §(c), known to the runtime', () => {
    for (const code of frenchTerritoryCodes) expect(isTimeZone(territories[code].timeZone)).toBe(true);
  });

  it('prefers the address to the phone', () => {
    expect(resolveTerritory({ postcode: '57000', country: 'FR', phone: '+590690123456' }))
      .toEqual({ territory: 'FR-57', timeZone: 'Europe/Paris', source: 'postcode' });
    expect(resolveTerritory({ country: 'GP', phone: '+33612345678' }))
      .toEqual({ territory: 'FR-GP', timeZone: 'America/Guadeloupe', source: 'country' });
    expect(resolveTerritory({ phone: '+262269601234' }))
      .toEqual({ territory: 'FR-YT', timeZone: 'Indian/Mayotte', source: 'phone' });
  });

  it('lets an explicit zone override the derived one, keeping the territory', () => {
    expect(resolveTerritory({ postcode: '97110', timeZone: 'Europe/Paris' }))
      .toEqual({ territory: 'FR-GP', timeZone: 'Europe/Paris', source: 'postcode' });
  });

  it('needs a zone for a debtor abroad and refuses what it cannot place', () => {
    expect(resolveTerritory({ country: 'US', timeZone: 'America/Chicago' }))
      .toEqual({ territory: 'US', timeZone: 'America/Chicago', source: 'country' });
    expect(() => resolveTerritory({ country: 'US' })).toThrow(/timeZone is required/);
    expect(() => resolveTerritory({ country: 'FR' })).toThrow(/cannot tell where the debtor lives/);
    expect(() => resolveTerritory({ postcode: '57000', timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
    expect(() => resolveTerritory({ postcode: '99999' })).toThrow(/unknown postcode/);
  });
});

describe('resolveTerritory remembers each postcode (property)', () => {
  /** The answer, or the error message: both must be the same through the memo. */
  const outcome = (resolve: (location: DebtorLocation) => unknown, location: DebtorLocation): unknown => {
    try {
      return { ok: resolve(location) };
    } catch (error) {
      return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  };
  const digits = fc.stringMatching(/^[0-9]{5}$/);
  const postcode = fc.oneof(digits, fc.constantFrom('75011', '97133', '97150', '20000', '57000', '97600', '98000', '96000', ' 75011', '7501', '2A004', ''), fc.string({ maxLength: 6 }));
  const location = fc.record({
    postcode: fc.option(postcode, { nil: undefined }),
    country: fc.constantFrom(undefined, null, 'FR', 'fr', 'GP', 'US', 'BE'),
    timeZone: fc.constantFrom(undefined, null, '', 'Europe/Paris', 'America/New_York', 'Nowhere/Else'),
    phone: fc.constantFrom(undefined, null, '+33612345678', '+590690123456', '+262269601234', 'not a phone'),
  }, { requiredKeys: [] });

  it('gives what the direct resolution gives, for every location, asked once or again', () => {
    fc.assert(fc.property(fc.array(location, { minLength: 1, maxLength: 20 }), (locations) => {
      // Twice over: the second pass meets the postcodes the first one remembered.
      for (const each of [...locations, ...locations]) expect(outcome(resolveTerritory, each)).toEqual(outcome(resolveDirectly, each));
    }), { numRuns: 300 });
  });

  it('does not let a remembered postcode answer for a location that also gives a zone or another country', () => {
    expect(resolveTerritory({ postcode: '97110' }).timeZone).toBe('America/Guadeloupe');
    expect(resolveTerritory({ postcode: '97110', timeZone: 'Europe/Paris' })).toEqual({ territory: 'FR-GP', timeZone: 'Europe/Paris', source: 'postcode' });
    expect(resolveTerritory({ postcode: '97110', country: 'US', timeZone: 'America/New_York' })).toEqual({ territory: 'US', timeZone: 'America/New_York', source: 'country' });
    expect(() => resolveTerritory({ postcode: '97110', country: 'BE' })).toThrow(/debtor.timeZone is required/);
  });
});
