/**
 * What a debtor types to log in: the case reference and the access code printed on the first letter.
 * Codes use Crockford's base 32 (no I, L, O, U), so the letters people confuse are read as the digits
 * they look like, and spaces, dashes and case do not matter.
 */
export function normaliseAccessCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]+/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Case references: trimmed, inner spaces removed, upper case (references are printed in capitals). */
export function normaliseReference(typed: string): string {
  return typed.trim().replace(/\s+/g, '').toUpperCase();
}

/** Verification codes printed in SMS and e-mails: `XXXX-XXXX`, same alphabet as the access code. */
export function normaliseVerificationCode(typed: string): string | null {
  const compact = normaliseAccessCode(typed);
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(compact)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
