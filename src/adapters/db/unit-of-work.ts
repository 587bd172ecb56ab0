import type { Repositories, UnitOfWork } from '../../application/ports/repositories.ts';
import { DrizzleApiKeyRepository } from './api-key.repository.ts';
import { DrizzleArrangementRepository } from './arrangement.repository.ts';
import { DrizzleBackofficeRepository } from './backoffice.repository.ts';
import { DrizzleAuditLog } from './audit-log.repository.ts';
import { DrizzleCreditorRepository } from './creditor.repository.ts';
import { DrizzleCaseRepository } from './case.repository.ts';
import { DrizzleMessagingRepository } from './messaging.repository.ts';
import type { AppDb, DbExecutor } from './open-database.ts';
import { DrizzleCreditorCaseRepository } from './creditor-case.repository.ts';
import { DrizzleRemittanceRepository } from './remittance.repository.ts';
import { DrizzleWebhookRepository } from './webhook.repository.ts';
import { DrizzleSessionRepository } from './session.repository.ts';
import { DrizzleUserRepository } from './user.repository.ts';
// ── payments (issue #7) ──
import { DrizzleBankRepository } from './bank.repository.ts';
import { DrizzleClosureRepository } from './closure.repository.ts';
import { DrizzlePaymentRepository } from './payment.repository.ts';

export function repositoriesFor(executor: DbExecutor): Repositories {
  return {
    users: new DrizzleUserRepository(executor),
    sessions: new DrizzleSessionRepository(executor),
    audit: new DrizzleAuditLog(executor),
    cases: new DrizzleCaseRepository(executor),
    apiKeys: new DrizzleApiKeyRepository(executor),
    creditors: new DrizzleCreditorRepository(executor),
    messaging: new DrizzleMessagingRepository(executor),
    arrangements: new DrizzleArrangementRepository(executor),
    backoffice: new DrizzleBackofficeRepository(executor),
    // ── payments (issue #7) ──
    payments: new DrizzlePaymentRepository(executor),
    bank: new DrizzleBankRepository(executor),
    closure: new DrizzleClosureRepository(executor),
    // ── Creditor API, webhooks, remittances (issue #7 part B) ──
    creditorCases: new DrizzleCreditorCaseRepository(executor),
    webhooks: new DrizzleWebhookRepository(executor),
    remittances: new DrizzleRemittanceRepository(executor),
  };
}

/** Each `run` is one transaction; a thrown error rolls back everything it wrote. */
export class DrizzleUnitOfWork implements UnitOfWork {
  constructor(private readonly db: AppDb) {}

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(repositoriesFor(tx as unknown as DbExecutor)));
  }

  read<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return work(repositoriesFor(this.db));
  }
}
