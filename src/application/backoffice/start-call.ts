/**
 * An agent is about to dial: the engine decides first, and the decision is stored with the attempt
 * (DESIGN.md §5). Allowed, the attempt is open (`pending`, counted against the caps at once) until the
 * agent records its outcome. Refused, it is stored as refused (`allowed = false`) with every reason and
 * the next lawful instant — and can never be logged as a call made.
 */
import { actorId, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { Decision } from '../../domain/contact-policy/index.ts';
import type { Clock } from '../ports/clock.ts';
import type { CodeGenerator } from '../ports/codes.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import { callDecision } from './call-decision.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent } from './case-history.ts';
import { refreshCaseWorklist } from './refresh-worklist.ts';

export async function startCall(
  deps: { uow: UnitOfWork; clock: Clock; codes: Pick<CodeGenerator, 'id'> }, actor: Actor, caseId: string, contactPointId?: string | null,
): Promise<{ attemptId: string; allowed: boolean; decision: Decision; phone: string }> {
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const access = await loadCaseAccess(repos, actor, caseId, 'write');
    const kase = await repos.messaging.loadCase(caseId);
    if (!kase) throw notFound('Case');
    const { decision, phone, problem } = callDecision(kase, now, contactPointId);
    if (!phone) throw new AppError('validation_failed', 'No usable phone number for this debtor', { errors: [{ path: '/contactPointId', message: 'no usable phone number' }] });
    if (!decision) throw new AppError('validation_failed', `The engine cannot read this case's situation (${problem})`);
    const id = deps.codes.id();
    await repos.backoffice.insertCallAttempt({
      creditorId: access.creditorId, id, caseId, debtorId: access.debtorId, at: now, outcome: decision.allowed ? 'pending' : 'refused', allowed: decision.allowed,
      userId: actor.kind === 'user' ? actor.userId : null, contactPointId: phone.id, address: phone.value, decision, purpose: 'collection',
    });
    if (!decision.allowed) {
      await appendEvent(repos, actor, access, now, 'contact.refused', { attemptId: id, channel: 'call', rules: decision.reasons.map((r) => r.rule), nextAllowedAt: decision.nextAllowedAt, by: actorId(actor) });
      await refreshCaseWorklist(repos, caseId, now);
    }
    return { attemptId: id, allowed: decision.allowed, decision, phone: phone.value };
  });
}
