/**
 * A compliance user resolves a dispute or a documents request (or lifts another suspension). A dispute
 * upheld closes the case as erroneous; rejected, collection resumes; either way the debtor is told
 * (`dispute-outcome`). A documents request is resolved
 * when the documents were provided. Every resolution refreshes the worklist at once.
 */
import type { Actor } from '../actor.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { BackofficeDeps } from './backoffice-deps.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent, moveCase } from './case-history.ts';
import { refreshCaseWorklist } from './refresh-worklist.ts';
import { sendConfirmation } from './send-confirmation.ts';

export const suspensionResolutions = ['upheld', 'rejected', 'provided', 'lifted'] as const;
export type SuspensionResolution = (typeof suspensionResolutions)[number];

export async function listOpenSuspensions(deps: Pick<BackofficeDeps, 'uow'>, actor: Actor, limit: number) {
  if (actor.kind !== 'user' || !['compliance', 'admin', 'manager'].includes(actor.role)) throw forbidden('Compliance resolves suspensions');
  return deps.uow.run((repos) => repos.backoffice.openSuspensions({ limit }));
}

export async function resolveSuspension(deps: BackofficeDeps, actor: Actor, suspensionId: string, input: { resolution: SuspensionResolution; note: string }) {
  if (actor.kind !== 'user' || (actor.role !== 'compliance' && actor.role !== 'admin')) throw forbidden('Compliance resolves suspensions');
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const s = await repos.backoffice.findSuspension(suspensionId);
    if (!s) throw notFound('Suspension');
    const access = await loadCaseAccess(repos, actor, s.caseId, 'write');
    const fits = s.kind === 'dispute' ? ['upheld', 'rejected'] : s.kind === 'documents-requested' ? ['provided', 'lifted'] : ['lifted'];
    if (!fits.includes(input.resolution)) throw new AppError('validation_failed', `A ${s.kind} suspension is resolved as ${fits.join(' or ')}`, { errors: [{ path: '/resolution', message: `one of ${fits.join(', ')}` }] });
    if (!(await repos.backoffice.resolveSuspension(s.creditorId, s.id, input.resolution, now))) throw new AppError('conflict', 'Already resolved');
    const data = { suspensionId: s.id, kind: s.kind, resolution: input.resolution, note: input.note };
    let notice: { outboxId: string; channel: string } | null = null;
    if (s.kind === 'dispute') {
      await appendEvent(repos, actor, access, now, 'dispute.resolved', data);
      if (input.resolution === 'upheld') await moveCase(repos, actor, access, 'dispute_upheld', now, 'dispute upheld: the claim was erroneous');
      // The debtor is told either way, before any new contact (in the same transaction as the resolution).
      const outcome = input.resolution === 'upheld' ? 'upheld' : 'rejected';
      notice = await sendConfirmation(repos, deps, actor, access.caseId, 'dispute-outcome', `dispute-outcome:${s.id}`, now, {
        dispute: { receivedOn: civilDateInParis(new Date(s.fromAt)) /* raw rows give a string */, reason: s.reason ?? '', outcome },
      });
    } else if (s.kind === 'documents-requested' && input.resolution === 'provided') {
      await appendEvent(repos, actor, access, now, 'documents.provided', data);
    } else {
      await appendEvent(repos, actor, access, now, 'suspension.closed', data);
    }
    await refreshCaseWorklist(repos, access.caseId, now);
    return { suspensionId: s.id, resolution: input.resolution, notice };
  });
}
