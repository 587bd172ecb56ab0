import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { territoryOfIsoCountry, type TerritoryCode } from './territories.ts';

/**
 * Where a phone number says the debtor lives, when no postcode does (LEGAL_RULES §(c); STACK_NOTES §6).
 * - libphonenumber-js/max metadata tells French regions apart by their number blocks.
 * - +590 serves Guadeloupe, Saint-Barthélemy and Saint-Martin. A number valid in exactly one of the
 *   three numbering plans goes there; mobiles and shared blocks are ambiguous and go to Guadeloupe
 *   (same zone, UTC−4, for all three; only the abolition day differs).
 * - +262 serves La Réunion and Mayotte: Mayotte uses the 269 and 639 blocks. +269 is the Comoros.
 * Returns the French territory, the ISO code of a foreign country, or undefined when unreadable.
 */
export function territoryFromPhone(phone: string): TerritoryCode | undefined {
  const cached = phoneCache.get(phone);
  if (cached !== undefined || phoneCache.has(phone)) return cached;
  const result = readPhoneTerritory(phone);
  if (phoneCache.size >= PHONE_CACHE_LIMIT) phoneCache.clear();
  phoneCache.set(phone, result);
  return result;
}

const PHONE_CACHE_LIMIT = 10_000;
const phoneCache = new Map<string, TerritoryCode | undefined>();

const sharedPlus590: readonly CountryCode[] = ['GP', 'BL', 'MF'];

function readPhoneTerritory(phone: string): TerritoryCode | undefined {
  const parsed = parsePhoneNumberFromString(phone, 'FR');
  return parsed ? territoryOfParsedPhone(parsed) : undefined;
}

/** The territory of a number already parsed (intake parses every phone once; a second parse costs ~30 µs). */
export function territoryOfParsedPhone(parsed: PhoneNumber): TerritoryCode | undefined {
  switch (parsed.countryCallingCode) {
    case '590': return territoryOfIsoCountry(plus590Region(parsed));
    case '262': return /^(269|639)/.test(parsed.nationalNumber) ? 'FR-YT' : 'FR-RE';
    case '596': return 'FR-MQ';
    case '594': return 'FR-GF';
    case '508': return 'FR-PM';
    case '33': return 'FR-METRO';
    default: return parsed.country;
  }
}

function plus590Region(parsed: PhoneNumber): CountryCode {
  // Asking the same number under each numbering plan of +590 reveals the blocks it belongs to. One
  // copy is parsed and asked under each plan in turn: isValid() reads the country each time it is
  // called, and the caller's number is left as it was.
  const candidate = parsePhoneNumberFromString(parsed.number);
  if (!candidate) return 'GP';
  const validIn = sharedPlus590.filter((region) => {
    candidate.country = region;
    return candidate.isValid();
  });
  return validIn.length === 1 && validIn[0] !== undefined ? validIn[0] : 'GP';
}

/** Digits with a leading '+' for comparing numbers written differently ('+33 3 87…', '0033387…'). */
export function normalizePhone(phone: string): string {
  const compact = phone.replace(/[\s.\-()/\u00A0]/g, '');
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  return parsePhoneNumberFromString(compact, 'FR')?.number ?? compact;
}
