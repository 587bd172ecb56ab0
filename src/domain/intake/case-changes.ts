/**
 * What a re-import changes in a case: each changed field with its old and new value, for the case's
 * history (`case.updated` event). Unchanged rows produce no event.
 */
import type { CaseStatus } from '../case/case-status.ts';
import { canTransition, transition } from '../case/case-transitions.ts';
import type { ClaimRow } from './validate-row.ts';

/** The fields of a case that an import writes: the claim's own, plus its debtor, limitation and status. */
export type CaseSnapshot = Pick<ClaimRow,
  | 'category' | 'debtorType' | 'contractReference' | 'contractDate' | 'principalCents' | 'interestCents' | 'accessoriesCents'
  | 'collectionFeesCents' | 'dueDate' | 'firstUnpaidDate' | 'lastPaymentDate' | 'acknowledgementDate' | 'titleDate'
  | 'assignmentDate' | 'assignmentNotifiedDate' | 'documentRefs'> & {
  readonly debtorId: string;
  readonly limitationKind: ClaimRow['limitation']['kind'] | null;
  readonly limitationExpiresOn: string | null;
  readonly status: CaseStatus;
};

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
 * The status a re-imported case takes: a claim found time-barred closes the case as prescribed where
 * the case life cycle allows it (event `time_barred`); otherwise the case keeps its state (a re-import
 * never reopens a closed case nor resets a plan).
 */
export function statusAfterReimport(current: CaseStatus, limitationExpired: boolean): CaseStatus {
  return limitationExpired && canTransition(current, 'time_barred') ? transition(current, 'time_barred') : current;
}
