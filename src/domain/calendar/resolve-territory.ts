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
