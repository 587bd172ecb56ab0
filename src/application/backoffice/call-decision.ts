/**
 * Asks the compliance engine whether the case's debtor may be called now, on the number the agent
 * would dial (the primary usable phone unless one is chosen). The engine decides; this only gathers.
 */
import { decideContact, type Decision } from '../../domain/contact-policy/index.ts';
import { buildContactSituation } from '../messaging/contact-situation.ts';
import { usableContactPoint } from '../messaging/template-context.ts';
import type { ContactFacts, ContactPointFacts } from '../ports/messaging-repository.ts';

export interface CallDecision {
  readonly decision: Decision | null;
  readonly phone: ContactPointFacts | null;
  /** Why there is no decision: no usable number, or a situation the engine cannot read. */
  readonly problem: 'no-phone' | 'unreadable' | null;
}

export function callDecision(kase: ContactFacts, at: Date, contactPointId?: string | null): CallDecision {
  const phone = contactPointId
    ? kase.contactPoints.find((p) => p.id === contactPointId && p.kind === 'phone' && p.status !== 'wrong' && p.status !== 'invalid') ?? null
    : usableContactPoint(kase, 'phone', at);
  if (!phone) return { decision: null, phone: null, problem: 'no-phone' };
  try {
    const decision = decideContact(buildContactSituation(kase, { at, channel: 'call', purpose: 'collection', recipient: phone.value }));
    return { decision, phone, problem: null };
  } catch (error) {
    if (error instanceof RangeError) return { decision: null, phone, problem: 'unreadable' };
    throw error;
  }
}
