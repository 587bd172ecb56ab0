/** The ports the portal's use cases need; each picks the ones it uses. */
import type { MessagingDeps } from '../messaging/messaging-deps.ts';
import type { Clock } from '../ports/clock.ts';
import type { EvidenceStorage } from '../ports/evidence-storage.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { PortalUnitOfWork } from '../ports/portal-repository.ts';
import type { Secrets } from '../ports/secrets.ts';

export interface PortalDeps {
  readonly uow: PortalUnitOfWork;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly hasher: PasswordHasher;
  /** A hash of a random code, verified when no case matches so every login costs the same. */
  readonly decoyHash: string;
  readonly newId: () => string;
  readonly evidence: EvidenceStorage;
  /** Letters and messages: acknowledgements and confirmations go through the outbox. */
  readonly messaging: MessagingDeps;
  /** Debtor sessions: idle expiry (sliding) and absolute maximum, in minutes. */
  readonly sessionIdleMinutes: number;
  readonly sessionMaxMinutes: number;
}

/** Who acts in the portal: the debtor of one case, authenticated with the letter's access code. */
export interface DebtorActor {
  readonly kind: 'debtor';
  readonly creditorId: string;
  readonly caseId: string;
  readonly debtorId: string;
}

export function debtorActorId(actor: DebtorActor): string {
  return `debtor:${actor.debtorId}`;
}
