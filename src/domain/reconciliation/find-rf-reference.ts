/**
 * Finds the case's ISO 11649 reference in what a bank passes on: the structured creditor reference
 * (`CdtrRefInf/Ref`, EPC guidelines: "SCOR" type) first, then any RF-shaped group in the free text,
 * which debtors often type with spaces ("RF18 5390 0754 7034") or in lower case. Only references whose
 * check digits are valid count (ISO 11649 §4: MOD 97-10), so a mistyped one never matches a case.
 */
import { isValidCompactRfReference, isValidRfReference } from '../letters/rf-reference.ts';

const CANDIDATE = /R\s?F\s?[0-9]{2}(?:\s?[0-9A-Z]){1,21}/g;

export function findRfReference(structured: readonly string[], unstructured: readonly string[]): string | null {
  // Almost every RF payment: the first structured reference is a compact, valid one, as banks write it. The search below
  // would find it as its first candidate, whole (it is the longest); this skips the search's strings.
  const first = structured[0];
  if (first !== undefined && isValidCompactRfReference(first)) return first;
  for (const text of [...structured, ...unstructured]) {
    const upper = text.toUpperCase();
    for (const match of upper.matchAll(CANDIDATE)) {
      // The body is greedy: try the longest compact form, then shorter ones (text may follow the reference).
      const compact = match[0].replace(/\s/g, '');
      for (let end = compact.length; end >= 5; end--) {
        const candidate = compact.slice(0, end);
        if (isValidRfReference(candidate)) return candidate;
      }
    }
  }
  return null;
}
