import { assertTimeZone } from '../time/index.ts';
import { territoryFromPhone } from './phone-territory.ts';
import { territoryFromPostcode } from './postcode.ts';
import { isFrenchIsoCountry, isFrenchTerritory, territories, territoryOfIsoCountry, type TerritoryCode } from './territories.ts';

export interface DebtorLocation {
  readonly postcode?: string | null;
  /** ISO 3166-1 alpha-2 of the address; default 'FR'. */
  readonly country?: string | null;
  /** IANA zone that overrides the one derived from the territory. */
  readonly timeZone?: string | null;
  readonly phone?: string | null;
}

export interface ResolvedLocation {
  readonly territory: TerritoryCode;
  readonly timeZone: string;
  readonly source: 'postcode' | 'country' | 'phone';
}

/**
 * The debtor's territory and zone. The address wins over the phone (LEGAL_RULES §(c)): a French
 * postcode first, then an overseas country code of the address (GP, MQ…), then the phone number.
 * An explicit `timeZone` overrides the zone but not the territory, whose holidays still apply.
 * A debtor abroad has no French holidays and needs an explicit zone.
 */
export function resolveTerritory(location: DebtorLocation): ResolvedLocation {
  // Most debtors are a French postcode and nothing else that matters (no zone, country FR or none):
  // the answer then depends on the postcode alone, and is looked up once per postcode.
  const postcode = location.postcode;
  const country = location.country;
  if (postcode && !location.timeZone && (country === undefined || country === null || country === 'FR')) {
    const known = byPostcode.get(postcode);
    if (known !== undefined) return known;
    const resolved = resolveDirectly(location);
    if (byPostcode.size >= POSTCODE_CACHE_LIMIT) byPostcode.clear();
    byPostcode.set(postcode, resolved);
    return resolved;
  }
  return resolveDirectly(location);
}

/**
 * Bounded: about 6,000 postcodes are in use, but every five digits of a département's range are read
 * as its territory, so a caller could send up to 100,000 different ones (postcodes that throw are not
 * kept). The answers are shared between callers: ResolvedLocation is read-only.
 */
const POSTCODE_CACHE_LIMIT = 10_000;
const byPostcode = new Map<string, ResolvedLocation>();

/** resolveTerritory without the per-postcode memo (exported for the test that compares the two). */
export function resolveDirectly(location: DebtorLocation): ResolvedLocation {
  const country = location.country === undefined || location.country === null || location.country === 'FR' ? 'FR' : location.country.toUpperCase();
  const explicitZone = location.timeZone ? assertTimeZone(location.timeZone) : undefined;
  let territory: TerritoryCode | undefined;
  let source: ResolvedLocation['source'] = 'postcode';
  if (isFrenchIsoCountry(country)) {
    if (location.postcode) {
      territory = territoryFromPostcode(location.postcode);
    } else if (country !== 'FR') {
      territory = territoryOfIsoCountry(country);
      source = 'country';
    }
  } else {
    territory = country;
    source = 'country';
  }
  if (territory === undefined && location.phone) {
    territory = territoryFromPhone(location.phone);
    source = 'phone';
  }
  if (territory === undefined) {
    throw new RangeError('cannot tell where the debtor lives: give debtor.postcode, debtor.phone or a non-French debtor.country');
  }
  if (isFrenchTerritory(territory)) {
    return { territory, timeZone: explicitZone ?? territories[territory].timeZone, source };
  }
  if (!explicitZone) {
    throw new RangeError(`debtor.timeZone is required for a debtor outside France (territory ${territory})`);
  }
  return { territory, timeZone: explicitZone, source };
}
