/**
 * Matching a transfer that carries no usable RF reference: by the payer's name and the amount. The
 * score (0–100) is policy, not law; an agent decides below the threshold (the unmatched queue).
 *
 *  - names: the payer's name contains the debtor's last and first names (any order, accents, case and
 *    punctuation ignored) → 60; the last name only → 30; a company name in full → 60;
 *  - amount: exactly the balance still due → 35; exactly a pending promise or instalment → 30; less
 *    than the balance (a part payment) → 10; more than the balance → 0;
 *  - several candidate cases with the same best score: the match is ambiguous, score capped below the
 *    threshold so that an agent chooses.
 */
import { normaliseText } from '../intake/debtor-identity.ts';

export const autoBookThreshold = 90;

export interface MatchCandidate {
  readonly caseId: string;
  readonly creditorId: string;
  readonly lastName: string | null;
  readonly firstName: string | null;
  readonly companyName: string | null;
  readonly balanceCents: number;
  /** Amounts the debtor agreed to pay next (pending promise, next plan instalment). */
  readonly expectedCents: readonly number[];
}

export interface ScoredCandidate {
  readonly caseId: string;
  readonly creditorId: string;
  readonly score: number;
  readonly reasons: readonly string[];
}

function tokens(text: string | null): string[] {
  return text ? normaliseText(text).split(' ').filter((t) => t.length > 0) : [];
}

function containsAll(haystack: readonly string[], needles: readonly string[]): boolean {
  return needles.length > 0 && needles.every((n) => haystack.includes(n));
}

export function scoreCandidate(payerName: string, amountCents: number, candidate: MatchCandidate): ScoredCandidate {
  const payer = tokens(payerName);
  const reasons: string[] = [];
  let score = 0;
  const company = tokens(candidate.companyName);
  const last = tokens(candidate.lastName);
  const first = tokens(candidate.firstName);
  if (company.length > 0 && containsAll(payer, company)) {
    score += 60; reasons.push('company_name');
  } else if (containsAll(payer, last) && containsAll(payer, first)) {
    score += 60; reasons.push('full_name');
  } else if (containsAll(payer, last)) {
    score += 30; reasons.push('last_name');
  }
  if (amountCents === candidate.balanceCents) {
    score += 35; reasons.push('amount_equals_balance');
  } else if (candidate.expectedCents.includes(amountCents)) {
    score += 30; reasons.push('amount_equals_expected');
  } else if (amountCents < candidate.balanceCents) {
    score += 10; reasons.push('part_payment');
  }
  return { caseId: candidate.caseId, creditorId: candidate.creditorId, score: Math.min(100, score), reasons };
}

/** Candidates best first; when the best score is shared, every score is capped below the threshold. */
export function rankCandidates(payerName: string, amountCents: number, candidates: readonly MatchCandidate[]): ScoredCandidate[] {
  const scored = candidates.map((c) => scoreCandidate(payerName, amountCents, c)).filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.caseId.localeCompare(b.caseId));
  if (scored.length > 1 && scored[0]!.score === scored[1]!.score) {
    return scored.map((c) => ({ ...c, score: Math.min(c.score, autoBookThreshold - 1), reasons: [...c.reasons, 'ambiguous'] }));
  }
  return scored;
}

/**
 * The debtor name keys (`pp|last|first`, `co|name`, as intake stores them) a payer name could stand
 * for: every ordered pair of its words, and the whole name as a company. Bounded: a bank passes at
 * most 140 characters, and only the first 8 words are used.
 */
export function payerNameKeys(payerName: string): string[] {
  const words = tokens(payerName).filter((w) => !['m', 'mme', 'mr', 'mrs', 'ms', 'mlle', 'monsieur', 'madame', 'ou', 'et'].includes(w)).slice(0, 8);
  const keys = new Set<string>();
  if (words.length > 0) keys.add(`co|${words.join(' ')}`);
  for (let i = 0; i < words.length; i++) {
    for (let j = 0; j < words.length; j++) {
      if (i !== j) keys.add(`pp|${words[i]!}|${words[j]!}`);
    }
    // Two-word last names ("de la tour"): last name from consecutive words, first name another word.
    for (let len = 2; len <= 3 && i + len <= words.length; len++) {
      const lastName = words.slice(i, i + len).join(' ');
      for (let j = 0; j < words.length; j++) if (j < i || j >= i + len) keys.add(`pp|${lastName}|${words[j]!}`);
    }
  }
  return [...keys];
}
