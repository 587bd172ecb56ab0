/**
 * What a re-import changes in a case: each changed field with its old and new value, for the case's
 * history (`case.updated` event). Unchanged rows produce no event.
 */
import type { CaseStatus } from '../case/case-status.ts';

export interface CaseSnapshot {
  readonly debtorId: string;
  readonly category: string;
  readonly debtorType: string;
  readonly contractReference: string | null;
  readonly contractDate: string | null;
  readonly principalCents: number;
  readonly interestCents: number;
  readonly accessoriesCents: number;
  readonly collectionFeesCents: number;
  readonly dueDate: string;
  readonly firstUnpaidDate: string | null;
  readonly lastPaymentDate: string | null;
  readonly acknowledgementDate: string | null;
  readonly titleDate: string | null;
  readonly assignmentDate: string | null;
  readonly assignmentNotifiedDate: string | null;
  readonly documentRefs: readonly string[] | null;
  readonly limitationKind: string | null;
  readonly limitationExpiresOn: string | null;
  readonly status: CaseStatus;
}

export type FieldValue = string | number | readonly string[] | null;

export interface FieldChange {
  readonly field: string;
  readonly old: FieldValue;
  readonly new: FieldValue;
}

const same = (a: FieldValue, b: FieldValue): boolean =>
  Array.isArray(a) || Array.isArray(b)
    ? JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
    : a === b;

export function caseChanges(before: CaseSnapshot, after: CaseSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof CaseSnapshot)[]) {
    const oldValue = before[field] as FieldValue;
    const newValue = after[field] as FieldValue;
    if (!same(oldValue, newValue)) changes.push({ field, old: oldValue, new: newValue });
  }
  return changes;
}

/**
 * The status a re-imported case takes: a claim found time-barred closes an open case as prescribed;
 * otherwise the case keeps its state (a re-import never reopens a closed case nor resets a plan).
 */
export function statusAfterReimport(current: CaseStatus, limitationExpired: boolean): CaseStatus {
  switch (current) {
    case 'intake':
    case 'notice_pending':
    case 'active':
    case 'promise':
    case 'plan':
      return limitationExpired ? 'closed_prescribed' : current;
    case 'closed_paid':
    case 'closed_settled':
    case 'closed_prescribed':
    case 'closed_returned':
    case 'closed_erroneous':
    case 'litigation':
      return current;
  }
}
