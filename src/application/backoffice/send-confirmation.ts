/**
 * Puts a confirmation (promise, plan, dispute acknowledgement…) in the outbox, in the same transaction
 * as the change it confirms: by e-mail when the debtor has a usable address, otherwise by letter.
 */
import type { TemplateContext, TemplateId } from '../../domain/letters/templates/index.ts';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { requireAgency } from '../messaging/messaging-deps.ts';
import { enqueueFor } from '../messaging/enqueue-message.ts';
import { usableContactPoint } from '../messaging/template-context.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { BackofficeDeps } from './backoffice-deps.ts';

export async function sendConfirmation(
  repos: Repositories, deps: BackofficeDeps, actor: Actor, caseId: string, template: TemplateId, idempotencyKey: string, now: Date,
  extras: Partial<Pick<TemplateContext, 'promise' | 'plan' | 'dispute' | 'documentsRequest'>>,
): Promise<{ outboxId: string; channel: 'email' | 'letter' }> {
  const agency = requireAgency(deps.agency);
  const kase = await repos.messaging.loadCase(caseId);
  if (!kase) throw notFound('Case');
  const channel = usableContactPoint(kase, 'email', now) ? 'email' : 'letter';
  const { message } = await enqueueFor(repos, deps, actor, kase, agency, { caseId, template, channel, idempotencyKey, extras }, now);
  return { outboxId: message.id, channel };
}
