/**
 * The same person across creditors and files is one debtor (issue #4 §5). Identity is compared on
 * normalised keys, never on raw text: case, accents, punctuation and spacing do not make two people.
 *
 * Rules, in order, among the debtors with the same normalised names (`nameKey`):
 *  1. same birth date, and birth places that do not contradict each other → the same debtor;
 *  2. one side has no birth date, and they share a normalised postal address (with compatible birth
 *     places) → the same debtor;
 *  3. otherwise a new debtor; if any debtor with the same names exists (different birth date or birth
 *     place, or no way to tell), the new one is a probable homonym, flagged for review, never merged.
 * Professionals are matched on the company name and, when given, the registration number (SIREN).
 */

/** Lower case, no accents, ligatures spelled out, punctuation and runs of spaces as one space. */
export function normaliseText(value: string): string {
  // Most names are plain ASCII: skip the (costly) Unicode decomposition for them.
  if (!/[^ -~]/.test(value)) return value.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/ß/g, 'ss').replace(/œ/g, 'oe').replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ').trim();
}

export interface IdentityInput {
  readonly debtorType: 'consumer' | 'professional';
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly companyName: string | null;
  readonly companyRegistration: string | null;
  readonly birthDate: string | null;
  readonly birthPlace: string | null;
}

/** Names only: debtors sharing it are the same person or homonyms. */
export function nameKeyOf(identity: IdentityInput): string {
  if (identity.debtorType === 'professional' && identity.companyName) {
    return `co|${normaliseText(identity.companyName)}`;
  }
  return `pp|${normaliseText(identity.lastName ?? '')}|${normaliseText(identity.firstName ?? '')}`;
}

/** Names + birth date (or + SIREN for a company): the exact match key, null when it cannot be built. */
export function matchKeyOf(identity: IdentityInput): string | null {
  const nameKey = nameKeyOf(identity);
  if (nameKey.startsWith('co|')) {
    const siren = (identity.companyRegistration ?? '').replace(/\D/g, '').slice(0, 9);
    return siren.length === 9 ? `${nameKey}|${siren}` : null;
  }
  return identity.birthDate ? `${nameKey}|${identity.birthDate}` : null;
}

export function placeKeyOf(place: string | null): string | null {
  const key = place ? normaliseText(place) : '';
  return key === '' ? null : key;
}

export interface AddressInput {
  readonly line1: string;
  readonly postcode: string;
  readonly country: string;
}

export function addressKeyOf(address: AddressInput): string {
  return `${address.country.toUpperCase()}|${address.postcode.replace(/\s/g, '').toUpperCase()}|${normaliseText(address.line1)}`;
}

export interface DebtorCandidate {
  readonly id: string;
  readonly nameKey: string;
  /** Birth date for a person, SIREN for a company (the second half of the match key). */
  readonly matchKey: string | null;
  readonly birthPlaceKey: string | null;
  readonly addressKeys: readonly string[];
}

export interface IncomingIdentity {
  readonly nameKey: string;
  readonly matchKey: string | null;
  readonly birthPlaceKey: string | null;
  readonly addressKeys: readonly string[];
}

export type MatchDecision =
  | { readonly kind: 'existing'; readonly debtorId: string; readonly via: 'match_key' | 'address' }
  | { readonly kind: 'new'; readonly homonymOf: readonly string[] };

const placesAgree = (a: string | null, b: string | null) => a === null || b === null || a === b;

/**
 * Decides whether `incoming` is one of `candidates` (debtors whose nameKey is the same; others are
 * ignored). Deterministic: among several matches, the smallest id (the oldest UUIDv7) wins.
 */
export function matchDebtor(incoming: IncomingIdentity, candidates: readonly DebtorCandidate[]): MatchDecision {
  const sameNames = candidates.filter((c) => c.nameKey === incoming.nameKey).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (incoming.matchKey !== null) {
    const exact = sameNames.find((c) => c.matchKey === incoming.matchKey && placesAgree(c.birthPlaceKey, incoming.birthPlaceKey));
    if (exact) return { kind: 'existing', debtorId: exact.id, via: 'match_key' };
  }
  const incomingAddresses = new Set(incoming.addressKeys);
  const byAddress = sameNames.find((c) => (c.matchKey === null || incoming.matchKey === null)
    && placesAgree(c.birthPlaceKey, incoming.birthPlaceKey)
    && c.addressKeys.some((key) => incomingAddresses.has(key)));
  if (byAddress) return { kind: 'existing', debtorId: byAddress.id, via: 'address' };
  return { kind: 'new', homonymOf: sameNames.map((c) => c.id) };
}
