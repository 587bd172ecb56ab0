/** Payments as the booking use cases see them; only `src/adapters/db/payment.repository.ts` knows SQL. */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { Application } from '../../domain/allocation/index.ts';

export const paymentMethodValues = ['card', 'transfer', 'direct_debit', 'cheque', 'cash', 'creditor_direct', 'manual'] as const;
export type PaymentMethod = (typeof paymentMethodValues)[number];

/** A case locked for booking (`SELECT … FOR UPDATE`), with what is paid per component. */
export interface CaseForPayment {
  readonly creditorId: string;
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly currency: string;
  readonly dueDate: string;
  readonly principalCents: number;
  readonly interestCents: number;
  readonly accessoriesCents: number;
  readonly paidPrincipalCents: number;
  readonly paidInterestCents: number;
  readonly paidAccessoriesCents: number;
  readonly waivedCents: number;
}

/** Stored with the payment: where each cent went (the rule engine's answer) and what was left over. */
export interface StoredAllocation {
  readonly applications: readonly Application[];
  readonly unappliedCents: number;
  readonly balanceAfterCents: number;
}

export interface PaymentRecord {
  readonly creditorId: string;
  readonly id: string;
  readonly caseId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly valueDate: string;
  readonly receivedAt: Date;
  readonly method: PaymentMethod;
  readonly source: string;
  readonly externalRef: string | null;
  readonly status: 'booked' | 'reversed';
  readonly allocation: StoredAllocation;
  readonly payerName: string | null;
  readonly recordedBy: string;
  readonly reversedAt: Date | null;
  readonly reversalReason: string | null;
}

export interface PaidDelta {
  readonly principal: number;
  readonly interest: number;
  readonly accessories: number;
}

export interface PaymentRepository {
  lockCase(caseId: string): Promise<CaseForPayment | null>;
  findByExternalRef(creditorId: string, source: string, externalRef: string): Promise<PaymentRecord | null>;
  findById(paymentId: string): Promise<PaymentRecord | null>;
  /** A provider's refund names only its own payment id. */
  findByExternalRefAnyCreditor(source: string, externalRef: string): Promise<PaymentRecord | null>;
  insert(payment: Omit<PaymentRecord, 'status' | 'reversedAt' | 'reversalReason'>): Promise<void>;
  /** Adds (or, negative, removes) allocated amounts to the case's paid columns; sets the last payment date when given. */
  addPaid(creditorId: string, caseId: string, delta: PaidDelta, lastPaymentDate: string | null, at: Date): Promise<void>;
  /** Marks a booked payment reversed; false when it was not booked any more. */
  markReversed(creditorId: string, paymentId: string, at: Date, reason: string): Promise<boolean>;
  listForCase(caseId: string): Promise<PaymentRecord[]>;
  /**
   * Cancels the case's collection messages still waiting in the outbox (reminders…), not the first
   * letter (the notice R124-4 requires) and never information messages (receipts); returns their ids.
   */
  cancelPendingCollectionMessages(creditorId: string, caseId: string, reason: string, at: Date): Promise<string[]>;

  // ── The same, set-based, for many cases at once (bank imports book thousands of payments) ──
  /** Locks the cases (in id order, so two imports never deadlock) and returns them by id. */
  lockCases(caseIds: readonly string[]): Promise<Map<string, CaseForPayment>>;
  /** Which of these (creditor, external reference) of `source` have a payment already, as `creditorId|externalRef`. */
  existingExternalRefs(source: string, refs: readonly { creditorId: string; externalRef: string }[]): Promise<Set<string>>;
  /** Sum of the booked payments per case. */
  bookedTotals(caseIds: readonly string[]): Promise<Map<string, number>>;
  insertMany(payments: readonly Omit<PaymentRecord, 'status' | 'reversedAt' | 'reversalReason'>[]): Promise<void>;
  addPaidMany(rows: readonly { creditorId: string; caseId: string; delta: PaidDelta; lastPaymentDate: string }[], at: Date): Promise<void>;
  /** cancelPendingCollectionMessages for each case, each with its own reason; the cancelled ids by case id. */
  cancelPendingCollectionMessagesMany(rows: readonly { creditorId: string; caseId: string; reason: string }[], at: Date): Promise<Map<string, string[]>>;
}

/** What a closure or a litigation hand-off reads and ends (open arrangements, a case's file). */
export interface ClosureRepository {
  /** Cancels pending promises, the active plan and a pending settlement; returns how many. */
  cancelOpenArrangements(creditorId: string, caseId: string, at: Date, reason: string): Promise<number>;
  /** Everything the litigation bundle holds. */
  caseFile(caseId: string): Promise<CaseFile | null>;
}

export interface CaseFile {
  readonly creditorId: string;
  readonly caseId: string;
  readonly creditorName: string;
  readonly creditorReference: string;
  readonly status: CaseStatus;
  readonly category: string;
  readonly debtorName: string;
  readonly debtorAddress: string | null;
  readonly currency: string;
  readonly principalCents: number;
  readonly interestCents: number;
  readonly accessoriesCents: number;
  readonly paidCents: number;
  readonly waivedCents: number;
  readonly dueDate: string;
  readonly limitationExpiresOn: string | null;
  readonly basisContractRef: string | null;
  readonly openedAt: Date;
  readonly events: readonly { readonly at: Date; readonly type: string; readonly actorKind: string; readonly actorId: string | null; readonly data: unknown }[];
  readonly documents: readonly { readonly id: string; readonly kind: string; readonly fileName: string; readonly mediaType: string; readonly sha256: string; readonly storageKey: string }[];
}
