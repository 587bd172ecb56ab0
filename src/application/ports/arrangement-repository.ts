/**
 * Arrangements (promises, plans, settlements) and the payments that keep or break them, as the use
 * cases see them. Only `src/adapters/db/arrangement.repository.ts` knows the SQL.
 */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { Cents } from '../../domain/money/index.ts';
import type { CivilDate } from '../../domain/time/index.ts';

/** A case locked for update (`SELECT … FOR UPDATE`): arrangement tracking and payments serialise on it. */
export interface LockedCase {
  readonly creditorId: string;
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly totalCents: Cents;
  readonly paidCents: Cents;
  readonly waivedCents: Cents;
  /** What is still owed: total − paid − waived, never below zero. */
  readonly balanceCents: Cents;
  /** The mandate's grace days before a missed instalment or promise counts as broken. */
  readonly graceDays: number;
}

export interface OpenPromise {
  readonly id: string;
  readonly amountCents: Cents;
  readonly madeOn: CivilDate;
  readonly dueOn: CivilDate;
}

export interface ActivePlan {
  readonly id: string;
  readonly agreedOn: CivilDate;
  readonly totalCents: Cents;
  readonly instalments: readonly { readonly number: number; readonly dueOn: CivilDate; readonly amountCents: Cents }[];
}

export interface PendingSettlement {
  readonly id: string;
  readonly amountCents: Cents;
  readonly balanceCents: Cents;
  readonly agreedOn: CivilDate;
  readonly dueOn: CivilDate;
}

export interface BookedPayment {
  readonly amountCents: Cents;
  readonly valueDate: CivilDate;
}

export interface CaseEventInput {
  readonly creditorId: string;
  readonly caseId: string;
  readonly at: Date;
  readonly type: string;
  readonly actorKind: 'user' | 'system' | 'debtor' | 'creditor_api';
  readonly actorId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface ArrangementRepository {
  lockCase(caseId: string): Promise<LockedCase | null>;
  openArrangements(creditorId: string, caseId: string): Promise<{
    readonly promises: readonly OpenPromise[];
    readonly plan: ActivePlan | null;
    readonly settlement: PendingSettlement | null;
  }>;
  bookedPayments(creditorId: string, caseId: string): Promise<readonly BookedPayment[]>;
  resolvePromise(creditorId: string, promiseId: string, status: 'kept' | 'broken' | 'cancelled', at: Date): Promise<void>;
  endPlan(creditorId: string, planId: string, status: 'completed' | 'broken' | 'cancelled', reason: string, at: Date): Promise<void>;
  resolveSettlement(creditorId: string, settlementId: string, status: 'paid' | 'lapsed' | 'cancelled', at: Date): Promise<void>;
  /** Records the remission of a paid settlement on the case. */
  waive(creditorId: string, caseId: string, amount: Cents): Promise<void>;
  /** Changes the status only if it is still `from` (optimistic guard); returns whether it changed. */
  setCaseStatus(creditorId: string, caseId: string, from: CaseStatus, to: CaseStatus, at: Date, reason: string): Promise<boolean>;
  appendCaseEvent(event: CaseEventInput): Promise<void>;

  // ── Set-based, for many cases at once (bank imports) ──
  /** The cases among these with a pending promise, an active plan or a pending settlement. */
  casesWithOpenArrangements(caseIds: readonly string[]): Promise<Set<string>>;
  /** setCaseStatus for many cases; returns the ids of the cases that changed. */
  setCaseStatusMany(rows: readonly { creditorId: string; caseId: string; from: CaseStatus; to: CaseStatus; reason: string }[], at: Date): Promise<Set<string>>;
  /** Appends the events in the order given (their ids are time-ordered, so history keeps that order). */
  appendCaseEvents(events: readonly CaseEventInput[]): Promise<void>;
}
