import type { Clock } from '../ports/clock.ts';
import type { AuditLog } from '../ports/repositories.ts';
import type { WebhookCrypto, WebhookRepository, WebhookSender } from '../ports/webhooks.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { caseScopeOf } from '../cases/read-cases.ts';

/** What the webhook use cases need; `run` is one transaction handing out the repositories. */
export interface WebhookDeps {
  readonly run: <T>(work: (repos: { webhooks: WebhookRepository; audit: AuditLog }) => Promise<T>) => Promise<T>;
  readonly crypto: WebhookCrypto | null;
  readonly sender: WebhookSender;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Plain http:// endpoints are accepted outside production only. */
  readonly allowHttp: boolean;
}

export function requireCrypto(deps: Pick<WebhookDeps, 'crypto'>): WebhookCrypto {
  if (!deps.crypto) throw new AppError('service_unavailable', 'Webhooks are not configured: set AMIABLE_WEBHOOK_KEY (32 random bytes, base64)');
  return deps.crypto;
}

/** The creditor an actor may manage webhooks for: its own (key, creditor user), or the one named (staff). */
export function webhookCreditorFor(actor: Actor, requested: string | undefined): string | undefined {
  const scope = caseScopeOf(actor);
  if (scope.creditorId !== undefined) {
    if (requested !== undefined && requested !== scope.creditorId) throw new AppError('forbidden', 'You act for another creditor');
    return scope.creditorId;
  }
  return requested;
}
