/**
 * The worklist's order: which lawfully callable case an agent should call first, and why. Pure policy
 * (no law sets an order): every point of the score comes with a reason the agent can read, so the
 * order is explainable. Documented in docs/backoffice.md; the weights are data, below.
 *
 * - a promise falling due (or just past due, not yet broken): the call that keeps it alive;
 * - an instalment past due: arrears caught early stay small;
 * - limitation approaching: after it the claim can no longer be enforced (C. civ. 2224 five years,
 *   C. conso L218-2 two years for consumers; the expiry date comes from the limitation engine);
 * - balance: larger balances first, on a logarithmic scale so that one large case does not bury all
 *   the others;
 * - time since the last contact attempt: cases nobody tried for long come up.
 */
import { daysBetween, type CivilDate } from '../time/index.ts';

export interface PriorityFacts {
  readonly balanceCents: number;
  readonly limitationExpiresOn: CivilDate | null;
  /** Due date of the earliest pending promise, if any. */
  readonly promiseDueOn: CivilDate | null;
  /** Due date of the oldest unpaid instalment of the active plan, if any. */
  readonly instalmentDueOn: CivilDate | null;
  /** Local calendar date of the last outbound contact attempt, if any. */
  readonly lastContactOn: CivilDate | null;
}

export type PriorityReasonCode = 'promise-due' | 'instalment-overdue' | 'limitation-soon' | 'balance' | 'no-recent-contact' | 'never-contacted';

export interface PriorityReason {
  readonly code: PriorityReasonCode;
  readonly points: number;
  readonly message: { readonly fr: string; readonly en: string };
}

export interface Priority {
  readonly score: number;
  readonly reasons: readonly PriorityReason[];
}

/** The weights (policy, tuned by the agency): the largest bonus each factor can give. */
export const priorityWeights = {
  promiseDue: 400,
  instalmentOverdue: 350,
  limitationSoon: 300,
  /** Within this many days of the limitation expiry, the bonus grows linearly to its maximum. */
  limitationWindowDays: 180,
  balancePerDecade: 50,
  balanceMax: 250,
  /** Per day since the last attempt, capped. */
  staleContactPerDay: 5,
  staleContactMax: 150,
} as const;

const euros = (cents: number) => Math.floor(cents / 100);

export function callPriority(facts: PriorityFacts, today: CivilDate): Priority {
  const w = priorityWeights;
  const reasons: PriorityReason[] = [];
  if (facts.promiseDueOn !== null) {
    const days = daysBetween(today, facts.promiseDueOn);
    // Two days before the due date up to the day after: a reminder call is welcome, not pressure.
    if (days <= 2) {
      reasons.push({
        code: 'promise-due', points: w.promiseDue,
        message: days >= 0
          ? { fr: `Promesse de paiement à échéance le ${facts.promiseDueOn}`, en: `Promise to pay due on ${facts.promiseDueOn}` }
          : { fr: `Promesse de paiement échue le ${facts.promiseDueOn}, non tenue à ce jour`, en: `Promise to pay due on ${facts.promiseDueOn}, not kept so far` },
      });
    }
  }
  if (facts.instalmentDueOn !== null && daysBetween(today, facts.instalmentDueOn) < 0) {
    reasons.push({
      code: 'instalment-overdue', points: w.instalmentOverdue,
      message: { fr: `Échéance du plan impayée depuis le ${facts.instalmentDueOn}`, en: `Plan instalment unpaid since ${facts.instalmentDueOn}` },
    });
  }
  if (facts.limitationExpiresOn !== null) {
    const days = daysBetween(today, facts.limitationExpiresOn);
    if (days >= 0 && days <= w.limitationWindowDays) {
      const points = Math.round((w.limitationSoon * (w.limitationWindowDays - days)) / w.limitationWindowDays);
      reasons.push({
        code: 'limitation-soon', points,
        message: { fr: `Prescription le ${facts.limitationExpiresOn} (dans ${days} j)`, en: `Time-barred on ${facts.limitationExpiresOn} (in ${days} days)` },
      });
    }
  }
  if (facts.balanceCents > 0) {
    // 10 € → 50, 100 € → 100, 1 000 € → 150, 10 000 € → 200, 100 000 € → 250.
    const decades = Math.log10(Math.max(1, facts.balanceCents / 100));
    const points = Math.min(w.balanceMax, Math.round(w.balancePerDecade * decades));
    reasons.push({
      code: 'balance', points,
      message: { fr: `Solde de ${euros(facts.balanceCents)} €`, en: `Balance of €${euros(facts.balanceCents)}` },
    });
  }
  if (facts.lastContactOn === null) {
    reasons.push({ code: 'never-contacted', points: w.staleContactMax, message: { fr: 'Jamais contacté', en: 'Never contacted' } });
  } else {
    const days = Math.max(0, daysBetween(facts.lastContactOn, today));
    const points = Math.min(w.staleContactMax, days * w.staleContactPerDay);
    if (points > 0) {
      reasons.push({
        code: 'no-recent-contact', points,
        message: { fr: `Dernière tentative il y a ${days} j`, en: `Last attempt ${days} days ago` },
      });
    }
  }
  reasons.sort((a, b) => b.points - a.points);
  return { score: reasons.reduce((sum, r) => sum + r.points, 0), reasons };
}
