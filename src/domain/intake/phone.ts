/**
 * Phone numbers at intake (STACK_NOTES §6): valid under libphonenumber-js/max metadata, stored E.164.
 * A national number is read in the numbering plan of the debtor's territory: 0690… for a debtor in
 * 971xx is a Guadeloupe mobile (+590 690…), while read as metropolitan France it is invalid.
 * Premium-rate numbers are refused: a debtor is never called on, nor asked to call, a surcharged line
 * (LEGAL_RULES 8d).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { territoryOfParsedPhone } from '../calendar/index.ts';

export type PhoneCheck =
  | { readonly ok: true; readonly e164: string; readonly type: string | null; readonly territory: string | null }
  | { readonly ok: false; readonly code: 'invalid_phone' | 'premium_rate_phone'; readonly detail: string };

export function checkPhone(raw: string, defaultCountry: string): PhoneCheck {
  const compact = raw.replace(/[\s.\-()/\u00A0]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  const parsed = parsePhoneNumberFromString(international, defaultCountry as CountryCode);
  // With the /max metadata a number is valid exactly when it has a type (libphonenumber-js isValid()
  // is getNumberType() !== undefined), so one lookup answers both questions.
  const type = parsed?.getType();
  if (!parsed || type === undefined) {
    return { ok: false, code: 'invalid_phone', detail: international.startsWith('+') ? '' : ` (read in the ${defaultCountry} numbering plan)` };
  }
  if (type === 'PREMIUM_RATE') return { ok: false, code: 'premium_rate_phone', detail: '' };
  return { ok: true, e164: parsed.number, type: type.toLowerCase(), territory: territoryOfParsedPhone(parsed) ?? null };
}
