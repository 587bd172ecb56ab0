/**
 * What the debtor portal reads and writes (issue #8); only `src/adapters/db/portal.repository.ts`
 * knows the SQL. The portal's unit of work hands it out next to the shared repositories, in the same
 * transaction.
 */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { ThrottleState } from '../../domain/portal/login-throttle.ts';
import type { Repositories } from './repositories.ts';

export interface LoginCandidate {
  readonly creditorId: string;
  readonly caseId: string;
  readonly debtorId: string;
  readonly birthDate: string | null;
  readonly accessCodeHash: string | null;
}

export interface PortalSessionRecord {
  readonly id: string;
  readonly creditorId: string;
  readonly caseId: string;
  readonly debtorId: string;
  readonly csrfToken: string;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly absoluteExpiresAt: Date;
}

/** Where a verification code or a contact came from: only "it exists", its channel and date. */
export interface ContactTrace {
  readonly channel: 'call' | 'sms' | 'email' | 'letter';
  readonly at: Date;
  readonly caseId: string;
}

export interface MyCaseRow {
  readonly creditorId: string;
  readonly caseId: string;
  readonly debtorId: string;
  readonly status: CaseStatus;
  readonly creditorReference: string;
  readonly category: string;
  readonly debtorType: 'consumer' | 'professional';
  readonly basisContractRef: string | null;
  readonly basisDate: string | null;
  readonly principalCents: number;
  readonly interestCents: number;
  readonly accessoriesCents: number;
  readonly paidCents: number;
  readonly waivedCents: number;
  readonly dueDate: string;
  readonly firstUnpaidDate: string | null;
  readonly lastPaymentDate: string | null;
  readonly acknowledgementDate: string | null;
  readonly titleDate: string | null;
  readonly limitationKind: 'prescription' | 'forclusion' | null;
  readonly limitationExpiresOn: string | null;
  readonly rfReference: string | null;
  readonly mandateId: string | null;
  readonly creditor: { readonly name: string; readonly legalName: string; readonly address: readonly string[]; readonly registrationNumber: string | null };
  readonly debtor: {
    readonly civility: string | null; readonly firstName: string | null; readonly lastName: string | null; readonly birthName: string | null;
    readonly birthDate: string | null; readonly birthPlace: string | null; readonly companyName: string | null;
    readonly fieldSources: Readonly<Record<string, unknown>>;
  };
}

export interface MyPayment { readonly id: string; readonly amountCents: number; readonly valueDate: string; readonly method: string; readonly status: string }
export interface MyContact {
  readonly at: Date; readonly channel: string; readonly direction: string; readonly address: string | null;
  readonly verificationCode: string | null; readonly allowed: boolean;
}
export interface MyDocument { readonly id: string; readonly kind: string; readonly fileName: string; readonly mediaType: string; readonly sizeBytes: number; readonly createdAt: Date; readonly sourceKind: string }
export interface MyLetter { readonly id: string; readonly template: string; readonly reference: string | null; readonly sentAt: Date | null; readonly status: string }
export interface MySuspension { readonly id: string; readonly kind: string; readonly fromAt: Date; readonly reason: string | null }
export interface MyPlan {
  readonly id: string; readonly status: string; readonly agreedOn: string; readonly totalCents: number;
  readonly instalments: readonly { readonly number: number; readonly dueOn: string; readonly amountCents: number }[];
}
export interface ContactPointRow {
  readonly kind: string; readonly value: string; readonly status: string; readonly sourceKind: string;
  readonly sourceLabel: string | null; readonly sourceAt: Date;
}

export interface Preferences {
  readonly optOut: readonly ('call' | 'sms' | 'email' | 'letter')[];
  readonly quietHours: readonly { readonly from: string; readonly to: string }[];
  readonly writtenOnly: boolean;
  readonly updatedAt: Date | null;
}

export interface MandateLimitsRow {
  readonly maxPlanMonths: number;
  readonly minInstalmentCents: number;
  readonly maxDiscountBps: number;
  readonly interestWaiverAllowed: boolean;
}

export type RightsRequestKind = 'access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'complaint';
export type RightsRequestStatus = 'open' | 'extended' | 'answered' | 'refused';

export interface RightsRequestRow {
  readonly creditorId: string;
  readonly id: string;
  readonly caseId: string;
  readonly debtorId: string;
  readonly creditorReference?: string;
  readonly kind: RightsRequestKind;
  readonly status: RightsRequestStatus;
  readonly receivedAt: Date;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly extendedDueOn: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly answeredAt: Date | null;
  readonly answer: string | null;
}

export interface PortalRepository {
  loginCandidates(reference: string): Promise<LoginCandidate[]>;
  throttle(key: string): Promise<ThrottleState | null>;
  saveThrottle(key: string, state: ThrottleState, now: Date): Promise<void>;
  clearThrottle(key: string): Promise<void>;

  createSession(session: PortalSessionRecord): Promise<void>;
  findSession(id: string): Promise<PortalSessionRecord | null>;
  touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  deleteSession(id: string): Promise<void>;

  /** The message or attempt carrying this verification code, if any. */
  traceByVerificationCode(code: string): Promise<ContactTrace | null>;
  /** Outbound attempts to this number (E.164) between two instants. */
  tracesToNumber(number: string, from: Date, to: Date): Promise<ContactTrace[]>;

  myCase(creditorId: string, caseId: string): Promise<MyCaseRow | null>;
  payments(creditorId: string, caseId: string): Promise<MyPayment[]>;
  contacts(creditorId: string, caseId: string): Promise<MyContact[]>;
  documents(creditorId: string, caseId: string): Promise<MyDocument[]>;
  document(creditorId: string, caseId: string, id: string): Promise<(MyDocument & { readonly storageKey: string }) | null>;
  letters(creditorId: string, caseId: string): Promise<MyLetter[]>;
  openSuspensions(creditorId: string, caseId: string): Promise<MySuspension[]>;
  plans(creditorId: string, caseId: string): Promise<MyPlan[]>;
  contactPoints(debtorId: string): Promise<ContactPointRow[]>;
  mandateLimits(creditorId: string, mandateId: string | null): Promise<MandateLimitsRow | null>;

  insertPlan(plan: {
    readonly creditorId: string; readonly id: string; readonly caseId: string; readonly status: 'pending_approval' | 'active';
    readonly agreedOn: string; readonly frequency: 'monthly'; readonly balanceCents: number; readonly totalCents: number;
    readonly budget: unknown; readonly mandateViolations: unknown; readonly createdBy: string;
    readonly instalments: readonly { readonly number: number; readonly dueOn: string; readonly amountCents: number }[];
  }): Promise<void>;
  insertSuspension(suspension: {
    readonly creditorId: string; readonly id: string; readonly caseId: string; readonly debtorId: string;
    readonly kind: 'dispute' | 'documents-requested' | 'over-indebtedness' | 'vulnerability' | 'written-only';
    readonly fromAt: Date; readonly reason: string; readonly openedBy: string;
  }): Promise<void>;
  insertDocument(document: {
    readonly creditorId: string; readonly id: string; readonly caseId: string; readonly kind: string; readonly fileName: string;
    readonly mediaType: string; readonly sizeBytes: number; readonly sha256: string; readonly storageKey: string; readonly uploadedBy: string;
  }): Promise<void>;

  preferences(debtorId: string): Promise<Preferences>;
  savePreferences(debtorId: string, preferences: Omit<Preferences, 'updatedAt'>, at: Date): Promise<void>;

  insertRightsRequest(request: RightsRequestRow): Promise<void>;
  rightsRequestsOfCase(creditorId: string, caseId: string): Promise<RightsRequestRow[]>;
  rightsRequests(filter: { readonly creditorId?: string; readonly openOnly: boolean; readonly limit: number }): Promise<RightsRequestRow[]>;
  findRightsRequest(id: string): Promise<RightsRequestRow | null>;
  updateRightsRequest(creditorId: string, id: string, change: {
    readonly status: RightsRequestStatus; readonly answer?: string | null; readonly answeredAt?: Date | null; readonly extendedDueOn?: string | null;
  }): Promise<void>;
}

export type PortalRepositories = Repositories & { readonly portal: PortalRepository };

export interface PortalUnitOfWork {
  run<T>(work: (repositories: PortalRepositories) => Promise<T>): Promise<T>;
}
