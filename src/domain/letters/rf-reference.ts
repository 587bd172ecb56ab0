/**
 * ISO 11649 structured creditor reference ("RF reference"): `RF` + two check digits + a body of 1 to
 * 21 letters or digits. The check digits follow ISO 7064 MOD 97-10, as for an IBAN: move `RF00` after
 * the body, turn letters into numbers (A = 10 … Z = 35), and choose the digits that make the number
 * ≡ 1 (mod 97). A bank checks them before accepting a transfer, so a mistyped reference is refused
 * at the debtor's bank instead of landing on an unmatched payment.
 */

const BODY_PATTERN = /^[0-9A-Z]{1,21}$/;
const RF_PATTERN = /^RF[0-9]{2}[0-9A-Z]{1,21}$/;

/**
 * Remainder mod 97 of the digits obtained by expanding letters to 10…35, computed piecewise (no BigInt
 * needed), of the text read from `start` to its end and then from its beginning: a check moves the
 * first four characters to the end, and reading in place spares building that string (a bank statement
 * checks one reference per entry, 100,000 per file).
 */
function mod97(alphanumeric: string, start = 0): number {
  let remainder = 0;
  const length = alphanumeric.length;
  for (let i = start; i < length + start; i++) {
    const code = alphanumeric.charCodeAt(i < length ? i : i - length);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/** Builds the RF reference of a body (1–21 upper-case letters or digits). */
export function rfReference(body: string): string {
  if (!BODY_PATTERN.test(body)) throw new RangeError(`an RF reference body is 1 to 21 letters or digits, got "${body}"`);
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}

/** True when the reference (spaces allowed, any case) has the RF form and valid check digits. */
export function isValidRfReference(reference: string): boolean {
  return isValidCompactRfReference(reference.replace(/ /g, '').toUpperCase());
}

/** isValidRfReference of a reference already compact and upper case (as banks pass it); false otherwise. */
export function isValidCompactRfReference(compact: string): boolean {
  return RF_PATTERN.test(compact) && mod97(compact, 4) === 1;
}

/** Printed in groups of four, as banks and the EPC guidelines show it: `RF18 5390 0754 7034`. */
export function formatRfReference(reference: string): string {
  return reference.replace(/(.{4})(?=.)/g, '$1 ');
}

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The case's RF reference, derived from its id so that it never needs a counter or a lookup table:
 * a UUIDv7 holds a 48-bit millisecond timestamp and 74 random (or monotonic-counter) bits. Taking the
 * timestamp, the 12 bits after the version nibble and the 48 bits after the variant nibble gives 108
 * bits, which fit exactly in 21 base-36 characters (36^21 > 2^108). Two cases would share a reference
 * only if they were created in the same millisecond with the same 60 random bits.
 */
export function rfReferenceForCase(caseId: string): string {
  const hex = caseId.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError(`a case id is a UUID, got "${caseId}"`);
  const bits = `${hex.slice(0, 12)}${hex.slice(13, 16)}${hex.slice(17, 29)}`;
  let value = BigInt(`0x${bits}`);
  let body = '';
  for (let index = 0; index < 21; index += 1) {
    body = BASE36[Number(value % 36n)]! + body;
    value /= 36n;
  }
  return rfReference(body);
}
