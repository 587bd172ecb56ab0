/**
 * What the agents' back office reads and writes (issue #6): the worklist, the case file, calls,
 * arrangements, suspensions, assignment and KPIs. Only `src/adapters/db/backoffice.repository.ts`
 * knows the SQL; case status changes and case events go through the ArrangementRepository.
 */
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { Decision, HistoryHorizon } from '../../domain/contact-policy/index.ts';
import type { PriorityReason } from '../../domain/backoffice/index.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import type { UserRole } from '../actor.ts';
import type { CallFacts, CaseForMessaging } from './messaging-repository.ts';
import type { SessionWithUser } from './user-records.ts';

export interface CaseAccess {
  readonly caseId: string;
  readonly creditorId: string;
  readonly debtorId: string;
  readonly status: CaseStatus;
  readonly teamId: string | null;
  readonly assignedUserId: string | null;
}

export interface WorklistCandidate extends CaseAccess {
  readonly creditorName: string;
  readonly debtorName: string;
  readonly creditorReference: string;
  readonly balanceCents: number;
  readonly callPriority: number;
  readonly priorityReasons: readonly PriorityReason[];
}

/** A candidate and the case as the compliance engine sees it, read together. */
export interface WorklistCandidateCase {
  readonly candidate: WorklistCandidate;
  /** What a call's decision reads (`CallFacts`: phones and postal addresses, no e-mail address). */
  readonly engineCase: CallFacts;
}

/**
 * The first batch of a user's own worklist read with their session (`listWorklistForSession`): the scopes
 * are the session user's own cases and their team's pool; nothing of the page is read unless the session
 * is unexpired, its user exists, is not disabled and holds one of `roles`.
 */
export interface SessionWorklistQuery {
  readonly sessionId: string;
  readonly roles: readonly UserRole[];
  readonly scope: 'mine' | 'team' | 'all';
  readonly now: Date;
  readonly after: { readonly priority: number; readonly id: string } | null;
  readonly limit: number;
}

export interface WorklistQuery {
  /** Cases assigned to this agent… */
  readonly userId?: string;
  /** …or to this team (and to nobody in it, when `unassignedOnly`). */
  readonly teamId?: string;
  readonly unassignedOnly?: boolean;
  readonly creditorId?: string;
  readonly now: Date;
  /** Keyset pagination: strictly after this (priority desc, id asc) position. */
  readonly after?: { readonly priority: number; readonly id: string } | null;
  readonly limit: number;
}

export interface PriorityInputs {
  readonly creditorId: string;
  readonly caseId: string;
  readonly balanceCents: number;
  readonly limitationExpiresOn: CivilDate | null;
  readonly promiseDueOn: CivilDate | null;
  readonly instalmentDueOn: CivilDate | null;
  readonly lastContactAt: Date | null;
}

export interface MandateTerms {
  readonly id: string | null;
  readonly reference: string | null;
  readonly maxPlanMonths: number;
  readonly minInstalmentCents: number;
  readonly maxDiscountBps: number;
  readonly interestWaiverAllowed: boolean;
  readonly graceDays: number;
}

export interface IdentityFileRow {
  readonly birthDate: string | null;
  readonly birthPlace: string | null;
  readonly postcode: string | null;
  readonly contractReference: string | null;
  readonly email: string | null;
}

export interface CallAttemptRow {
  readonly creditorId: string;
  readonly id: string;
  readonly caseId: string;
  readonly debtorId: string;
  readonly at: Date;
  readonly outcome: string | null;
  readonly allowed: boolean;
  readonly userId: string | null;
  readonly contactPointId: string | null;
  readonly address: string | null;
  readonly decision: Decision;
}

export interface SuspensionRow {
  readonly creditorId: string;
  readonly id: string;
  readonly caseId: string;
  readonly debtorId: string;
  readonly kind: string;
  readonly fromAt: Date;
  readonly untilAt: Date | null;
  readonly reason: string | null;
  readonly openedBy: string | null;
  readonly resolvedAt: Date | null;
  readonly resolution: string | null;
}

export interface ApprovalRow {
  readonly kind: 'plan' | 'settlement';
  readonly id: string;
  readonly creditorId: string;
  readonly caseId: string;
  readonly creditorReference: string;
  readonly debtorName: string;
  readonly balanceCents: number;
  readonly totalCents: number;
  readonly instalmentCount: number;
  readonly firstDueOn: string;
  readonly lastDueOn: string;
  readonly violations: readonly { readonly rule: string; readonly limit: number; readonly actual: number; readonly message: { fr: string; en: string } }[];
  readonly reason: string | null;
  readonly requestedBy: string;
  readonly requestedAt: Date;
}

export interface KpiFilter {
  readonly creditorId?: string;
  readonly teamId?: string;
  readonly from: Date;
  readonly to: Date;
}

export interface KpiRaw {
  readonly placements: readonly { readonly importId: string | null; readonly label: string; readonly placedCents: number; readonly collectedCents: number; readonly cases: number }[];
  readonly callAttempts: number;
  readonly rightPartyContacts: number;
  readonly conversationsWithArrangement: number;
  readonly promisesCreated: number;
  readonly promisesKept: number;
  readonly promisesBroken: number;
  readonly plansCreated: number;
  readonly plansCompleted: number;
  readonly plansBroken: number;
  readonly plansActive: number;
  readonly disputesOpened: number;
  readonly casesInScope: number;
  readonly refusalsByRule: readonly { readonly rule: string; readonly count: number }[];
  readonly ageing: readonly { readonly bucket: string; readonly cases: number; readonly balanceCents: number }[];
}

export interface AssignmentRuleRow {
  readonly id: string;
  readonly position: number;
  readonly name: string;
  readonly creditorId: string | null;
  readonly postcodePrefix: string | null;
  readonly category: string | null;
  readonly minBalanceCents: number | null;
  readonly teamId: string;
  readonly userId: string | null;
}

export interface BackofficeRepository {
  caseAccess(caseId: string): Promise<CaseAccess | null>;
  /**
   * Each query's candidates merged in (priority desc, id) order, the first `limit`, each with the case as the
   * engine sees it (`MessagingRepository.loadCase`'s data, the history cut at `horizon`: only what can change
   * a decision at its instant or later, `historyHorizon`): one statement for a page's scopes and re-check.
   */
  worklistCandidates(queries: readonly WorklistQuery[], limit: number, horizon: HistoryHorizon): Promise<WorklistCandidateCase[]>;
  /**
   * `worklistCandidates` of the session user's scopes and the session with its user (what `findWithUser`
   * gives), in one statement: a page's statement in place of two (the session, then the page).
   */
  sessionWorklistCandidates(query: SessionWorklistQuery, horizon: HistoryHorizon): Promise<{ readonly found: SessionWithUser | null; readonly candidates: WorklistCandidateCase[] }>;
  priorityInputs(caseId: string): Promise<PriorityInputs | null>;
  setWorklistState(creditorId: string, caseId: string, priority: number, reasons: readonly PriorityReason[], nextCallAt: Date | null): Promise<void>;
  /** Open (collectable) cases in id order, for the daily refresh. */
  openCaseIds(afterId: string | null, limit: number): Promise<string[]>;
  mandateFor(creditorId: string, caseId: string): Promise<MandateTerms>;
  identityFile(caseId: string): Promise<IdentityFileRow | null>;

  insertCallAttempt(row: CallAttemptRow & { readonly purpose: 'collection' }): Promise<void>;
  findCallAttempt(attemptId: string): Promise<CallAttemptRow | null>;
  setCallOutcome(creditorId: string, attemptId: string, outcome: string, callbackAt: Date | null): Promise<boolean>;
  markContactPointWrong(debtorId: string, contactPointId: string): Promise<void>;

  insertSuspension(row: Omit<SuspensionRow, 'resolvedAt' | 'resolution'>): Promise<void>;
  /** The debtor's cases, other than `exceptCaseId`, that are not closed and have no open suspension of `kind` (any creditor). */
  openCasesOfDebtorWithout(debtorId: string, exceptCaseId: string, kind: string): Promise<CaseAccess[]>;
  findSuspension(suspensionId: string): Promise<SuspensionRow | null>;
  resolveSuspension(creditorId: string, suspensionId: string, resolution: string, at: Date): Promise<boolean>;
  openSuspensions(filter: { readonly kinds?: readonly string[]; readonly creditorId?: string; readonly limit: number }): Promise<(SuspensionRow & { creditorReference: string; debtorName: string })[]>;

  insertPromise(row: { creditorId: string; id: string; caseId: string; amountCents: number; madeOn: CivilDate; dueOn: CivilDate; origin: 'call' | 'agent'; createdBy: string }): Promise<void>;
  insertPlan(row: {
    creditorId: string; id: string; caseId: string; status: 'pending_approval' | 'active'; agreedOn: CivilDate; frequency: 'weekly' | 'biweekly' | 'monthly';
    balanceCents: number; totalCents: number; interestWaived: boolean; budget: object | null; origin: 'call' | 'agent';
    mandateViolations: readonly object[]; approvalReason: string | null; createdBy: string;
    instalments: readonly { dueOn: CivilDate; amountCents: number }[];
  }): Promise<void>;
  findPlan(planId: string): Promise<{ creditorId: string; id: string; caseId: string; status: string; instalments: { dueOn: string; amountCents: number }[] } | null>;
  decidePlan(creditorId: string, planId: string, status: 'active' | 'refused', decidedBy: string, at: Date): Promise<boolean>;
  hasOpenPlan(creditorId: string, caseId: string): Promise<boolean>;
  insertSettlement(row: {
    creditorId: string; id: string; caseId: string; status: 'pending_approval' | 'pending'; balanceCents: number; amountCents: number;
    agreedOn: CivilDate; dueOn: CivilDate; origin: 'call' | 'agent'; mandateViolations: readonly object[]; approvalReason: string | null; createdBy: string;
  }): Promise<void>;
  findSettlement(settlementId: string): Promise<{ creditorId: string; id: string; caseId: string; status: string; amountCents: number; dueOn: string } | null>;
  decideSettlement(creditorId: string, settlementId: string, status: 'pending' | 'refused', decidedBy: string, at: Date): Promise<boolean>;
  pendingApprovals(filter: { readonly creditorId?: string; readonly limit: number }): Promise<ApprovalRow[]>;

  assign(caseIds: readonly string[], teamId: string | null, userId: string | null): Promise<{ creditorId: string; caseId: string; teamId: string | null; assignedUserId: string | null }[]>;
  teamOf(userId: string): Promise<{ exists: boolean; teamId: string | null; role: string | null }>;
  teamExists(teamId: string): Promise<boolean>;
  listTeamsAndAgents(): Promise<{ teams: { id: string; name: string }[]; agents: { id: string; displayName: string; teamId: string | null; role: string }[] }>;
  listRules(): Promise<AssignmentRuleRow[]>;
  replaceRules(rules: readonly Omit<AssignmentRuleRow, 'id'>[], createdBy: string): Promise<AssignmentRuleRow[]>;
  /** Unassigned open cases (no team) with what the rules match on. */
  unassignedCases(limit: number): Promise<{ creditorId: string; caseId: string; postcode: string | null; category: string; balanceCents: number }[]>;

  kpis(filter: KpiFilter): Promise<KpiRaw>;
}

export interface CaseFileRaw {
  readonly kase: {
    readonly id: string; readonly creditorId: string; readonly creditorName: string; readonly debtorId: string; readonly mandateId: string | null;
    readonly creditorReference: string; readonly category: string; readonly debtorType: string; readonly basisContractRef: string | null;
    readonly basisDate: string | null; readonly currency: string; readonly principalCents: number; readonly interestCents: number;
    readonly accessoriesCents: number; readonly collectionFeesCents: number; readonly paidCents: number; readonly waivedCents: number;
    readonly dueDate: string; readonly status: CaseStatus; readonly limitationKind: string | null; readonly limitationExpiresOn: string | null;
    readonly teamId: string | null; readonly assignedUserId: string | null; readonly rfReference: string | null; readonly noticeSentAt: Date | null;
    readonly openedAt: Date; readonly closedAt: Date | null; readonly closeReason: string | null; readonly documentRefs: readonly string[] | null;
    readonly callPriority: number; readonly priorityReasons: readonly PriorityReason[];
  };
  readonly debtor: {
    readonly civility: string | null; readonly firstName: string | null; readonly lastName: string | null; readonly birthName: string | null;
    readonly birthDate: string | null; readonly birthPlace: string | null; readonly companyName: string | null; readonly fieldSources: unknown;
  };
  readonly contactPoints: readonly {
    readonly id: string; readonly kind: string; readonly value: string; readonly status: string; readonly isPrimary: boolean; readonly territory: string | null;
    readonly sourceKind: string; readonly sourceLabel: string | null; readonly sourceAt: Date; readonly validFrom: Date; readonly validUntil: Date | null;
  }[];
  readonly documents: readonly { readonly id: string; readonly kind: string; readonly fileName: string; readonly mediaType: string; readonly sizeBytes: number; readonly createdAt: Date; readonly sourceKind: string }[];
  readonly events: readonly { readonly id: string; readonly at: Date; readonly type: string; readonly actorKind: string; readonly actorId: string | null; readonly data: unknown }[];
  readonly attempts: readonly { readonly id: string; readonly at: Date; readonly channel: string; readonly direction: string; readonly outcome: string | null; readonly allowed: boolean; readonly decision: unknown; readonly userId: string | null; readonly address: string | null }[];
  readonly messages: readonly { readonly id: string; readonly channel: string; readonly template: string; readonly status: string; readonly createdAt: Date; readonly sentAt: Date | null; readonly recipient: string }[];
  readonly payments: readonly { readonly id: string; readonly amountCents: number; readonly valueDate: string; readonly method: string; readonly status: string; readonly receivedAt: Date }[];
  readonly promises: readonly { readonly id: string; readonly amountCents: number; readonly madeOn: string; readonly dueOn: string; readonly status: string; readonly origin: string }[];
  readonly plans: readonly { readonly id: string; readonly status: string; readonly agreedOn: string; readonly frequency: string; readonly totalCents: number; readonly balanceCents: number; readonly mandateViolations: unknown; readonly approvalReason: string | null; readonly instalments: readonly { readonly number: number; readonly dueOn: string; readonly amountCents: number }[] }[];
  readonly settlements: readonly { readonly id: string; readonly status: string; readonly amountCents: number; readonly balanceCents: number; readonly agreedOn: string; readonly dueOn: string; readonly mandateViolations: unknown; readonly approvalReason: string | null }[];
  readonly suspensions: readonly SuspensionRow[];
  /** Total events (the timeline may be cut to its most recent `timelineLimit`). */
  readonly eventCount: number;
}

/** The case file, the same case as the engine sees it (`loadCase`'s data) and the mandate, from one read. */
export interface CaseFileRead {
  readonly raw: CaseFileRaw;
  /**
   * What `MessagingRepository.loadCase` returns for the case, the history cut at the horizon `caseFile` is
   * given: the compliance panel's input (debtor-wide history; the timeline shows `raw.attempts`).
   */
  readonly engineCase: CaseForMessaging;
  readonly mandate: MandateTerms;
}

export interface CaseFileRepository {
  caseFile(caseId: string, timelineLimit: number, horizon: HistoryHorizon): Promise<CaseFileRead | null>;
}
