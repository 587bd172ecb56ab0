/**
 * Repository ports: they speak domain types, only the adapters know SQL (DESIGN.md §3.5).
 * A use case declares the narrow set it needs (`Pick<Repositories, 'users' | 'audit'>`).
 */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { ApiKeyRepository } from '../api-keys/api-keys.ts';
import type { MessagingRepository } from './messaging-repository.ts';
import type { ArrangementRepository } from './arrangement-repository.ts';
import type { BackofficeRepository, CaseFileRepository } from './backoffice-repository.ts';
import type { ClosureRepository, PaymentRepository } from './payment-repository.ts';
import type { BankRepository } from './bank-repository.ts';
import type { CreditorCaseRepository } from './creditor-cases.ts';
import type { RemittanceRepository } from './remittances.ts';
import type { WebhookRepository } from './webhooks.ts';
import type { SessionRecord, SessionWithUser, UserRecord } from './user-records.ts';

export type { SessionRecord, SessionWithUser, UserRecord } from './user-records.ts';

export type NewUser = Pick<UserRecord, 'email' | 'displayName' | 'role' | 'creditorId' | 'teamId' | 'locale' | 'passwordHash'>;

export interface UserRepository {
  findByEmail(email: string): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  create(user: NewUser): Promise<UserRecord>;
  recordFailedLogin(id: string, failedLoginCount: number, lockedUntil: Date | null): Promise<void>;
  recordSuccessfulLogin(id: string, at: Date): Promise<void>;
  count(): Promise<number>;
}

export interface SessionRepository {
  create(session: SessionRecord & { readonly ip: string | null; readonly userAgent: string | null }): Promise<void>;
  findById(id: string): Promise<SessionRecord | null>;
  /** The session and its user in one read (every request resolves its session); `user` null if it is gone. */
  findWithUser(id: string): Promise<SessionWithUser | null>;
  touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(id: string): Promise<void>;
}

export interface AuditEntry {
  readonly at: Date;
  readonly actorKind: 'user' | 'system' | 'debtor' | 'creditor_api' | 'anonymous';
  readonly actorId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly creditorId?: string | null;
  readonly caseId?: string | null;
  /** Never passwords, access codes or full IBANs. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

export interface CaseSummary {
  readonly id: string;
  readonly creditorId: string;
  readonly creditorName: string;
  readonly debtorId: string;
  readonly debtorName: string;
  readonly creditorReference: string;
  readonly category: string;
  readonly status: CaseStatus;
  readonly currency: string;
  readonly principalCents: number;
  readonly interestCents: number;
  readonly accessoriesCents: number;
  readonly dueDate: string;
  readonly limitationExpiresOn: string | null;
  readonly teamId: string | null;
  readonly assignedUserId: string | null;
  // Creditor API (issue #7 part B): what has been paid and what is still owed (principal + interest + accessories).
  readonly paidCents: number;
  readonly balanceCents: number;
}

export interface CaseListFilter {
  /** Restricts to one creditor: always set for creditor users. */
  readonly creditorId?: string;
  readonly status?: CaseStatus;
  readonly limit: number;
  readonly offset: number;
}

export interface CaseRepository {
  findSummary(caseId: string): Promise<CaseSummary | null>;
  listSummaries(filter: CaseListFilter): Promise<{ readonly items: CaseSummary[]; readonly total: number }>;
}

export interface CreditorSummary {
  readonly id: string;
  readonly name: string;
}

export interface CreditorRepository {
  /** Creditors by name; `creditorId` restricts to that one. */
  list(filter: { readonly creditorId?: string }): Promise<CreditorSummary[]>;
}

export interface Repositories {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditLog;
  readonly cases: CaseRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly creditors: CreditorRepository;
  readonly messaging: MessagingRepository;
  readonly arrangements: ArrangementRepository;
  // Back office (issue #6).
  readonly backoffice: BackofficeRepository & CaseFileRepository;
  // ── payments (issue #7) ──
  readonly payments: PaymentRepository;
  readonly bank: BankRepository;
  readonly closure: ClosureRepository;
  // ── Creditor API, webhooks, remittances (issue #7 part B) ──
  readonly creditorCases: CreditorCaseRepository;
  readonly webhooks: WebhookRepository;
  readonly remittances: RemittanceRepository;
}

/** Runs work in one database transaction: every repository it hands out writes in that transaction. */
export interface UnitOfWork {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
  /**
   * Read-only work outside an explicit transaction: each statement runs on its own (on PostgreSQL,
   * statements started together run on separate pool connections, and no connection is held while the
   * caller computes between them). For pages that only display; what they read may come from
   * successive snapshots, so nothing that decides a write may use it.
   */
  read<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
