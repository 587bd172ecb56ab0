/**
 * Acknowledgements and confirmations the portal sends go through the outbox like every other
 * message: composed from a reviewed template, linted, permitted by the engine. E-mail when the debtor
 * has a usable address, a letter otherwise. Queued after the change is committed: a refused template
 * or a missing agency profile never undoes a dispute or a plan — the result says it was not queued.
 */
import type { TemplateContext, TemplateId } from '../../domain/letters/templates/index.ts';
import { AppError } from '../errors.ts';
import { enqueueFor } from '../messaging/enqueue-message.ts';
import { requireAgency } from '../messaging/messaging-deps.ts';
import { usableContactPoint } from '../messaging/template-context.ts';
import type { DebtorActor, PortalDeps } from './portal-deps.ts';

export type AcknowledgementOutcome = { readonly queued: true; readonly channel: 'email' | 'letter' } | { readonly queued: false; readonly reason: string };

export async function queueAcknowledgement(
  deps: Pick<PortalDeps, 'uow' | 'clock' | 'messaging'>,
  actor: DebtorActor,
  template: TemplateId,
  extras: Partial<Pick<TemplateContext, 'plan' | 'dispute' | 'documentsRequest'>>,
  idempotencyKey: string,
): Promise<AcknowledgementOutcome> {
  const now = deps.clock.now();
  try {
    const agency = requireAgency(deps.messaging.agency);
    return await deps.uow.run(async (repos) => {
      const kase = await repos.messaging.loadCase(actor.caseId);
      if (!kase || kase.creditorId !== actor.creditorId) throw new AppError('not_found', 'Case not found');
      const channel = usableContactPoint(kase, 'email', now) ? 'email' as const : 'letter' as const;
      await enqueueFor(repos, deps.messaging, { kind: 'system', name: 'portal' }, kase, agency, {
        caseId: kase.caseId, template, channel, idempotencyKey, extras,
      }, now);
      return { queued: true as const, channel };
    });
  } catch (error) {
    if (error instanceof AppError) return { queued: false, reason: error.message };
    throw error;
  }
}
