/**
 * The situation the compliance engine is asked about before a send: the case, the debtor's territory
 * (postal address first, then the number), suspensions, preferences and the debtor's contact history
 * across all cases and creditors. The engine decides; this file only gathers the facts. Instants go as
 * epoch milliseconds, the engine's in-process form (the database gives them as Dates; no text to write
 * and read back, the same answers: docs/rules.md §7).
 */
import {
  attemptOutcomes, historyHorizon, suspensionKinds,
  type AttemptOutcome, type Channel, type ContactAttempt, type EpochSituation, type HistoryHorizon, type ProfileId, type Purpose, type SuspensionKind,
} from '../../domain/contact-policy/index.ts';
import type { ContactFacts } from '../ports/messaging-repository.ts';
import { usableContactPoint } from './template-context.ts';

/** Outcomes of attempts that happened (or may have: a send in flight counts, to stay on the safe side). */
export function outcomeForEngine(outcome: string | null): AttemptOutcome | null | 'skip' {
  if (outcome === null) return null;
  if (outcome === 'pending') return 'sent';
  if ((attemptOutcomes as readonly string[]).includes(outcome)) return outcome as AttemptOutcome;
  return 'skip';
}

/** The contact policy the platform's own decisions apply (docs/rules.md). */
export const situationProfile: ProfileId = 'fr-amiable';

/** The history a decision about `at` (or later) needs: what a page that decides at one instant reads. */
export function historyHorizonAt(at: Date): HistoryHorizon {
  return historyHorizon(situationProfile, at.getTime());
}

export function buildContactSituation(kase: ContactFacts, input: {
  readonly at: Date; readonly channel: Channel; readonly purpose: Purpose; readonly recipient: string | null;
  /** The attempt this send already recorded (a retry): not counted against itself. */
  readonly ownAttemptId?: string | null;
}): EpochSituation {
  const postal = usableContactPoint(kase, 'postal', input.at);
  const phone = input.channel === 'sms' || input.channel === 'call' ? input.recipient : usableContactPoint(kase, 'phone', input.at)?.value ?? null;
  const history: ContactAttempt<number>[] = [];
  for (const attempt of kase.history) {
    if (attempt.id === input.ownAttemptId) continue;
    const outcome = outcomeForEngine(attempt.outcome);
    if (outcome === 'skip') continue;
    history.push({
      channel: attempt.channel, at: attempt.at.getTime(), outcome, callbackAt: attempt.callbackAt?.getTime() ?? null,
      caseId: attempt.caseId, purpose: attempt.purpose,
    });
  }
  const writtenOnly = kase.suspensions.some((s) => s.kind === 'written-only') || kase.preferences?.writtenOnly === true;
  return {
    id: kase.caseId,
    at: input.at.getTime(),
    profile: situationProfile,
    channel: input.channel,
    purpose: input.purpose,
    debtor: { postcode: postal?.postal?.postcode ?? null, country: postal?.postal?.country ?? 'FR', phone },
    case: {
      id: kase.caseId, status: kase.status, noticeSentAt: kase.noticeSentAt?.getTime() ?? null, limitationExpiresOn: kase.limitationExpiresOn,
    },
    suspensions: kase.suspensions
      .filter((s): s is typeof s & { kind: SuspensionKind } => (suspensionKinds as readonly string[]).includes(s.kind))
      .map((s) => ({ kind: s.kind, from: s.fromAt.getTime(), until: s.untilAt?.getTime() ?? null })),
    preferences: {
      writtenOnly,
      optOut: (kase.preferences?.optOut ?? []).filter((c): c is Channel => (['call', 'sms', 'email', 'letter'] as readonly string[]).includes(c)),
      quietHours: kase.preferences?.quietHours ?? [],
      wrongNumbers: kase.contactPoints.filter((p) => p.kind === 'phone' && p.status === 'wrong').map((p) => p.value),
    },
    history,
  };
}
