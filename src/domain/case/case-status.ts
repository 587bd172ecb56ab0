/**
 * The closed set of case states (DESIGN.md §1). Every `switch` over a status must be exhaustive:
 * the lint rule `switch-exhaustiveness-check` fails the build when a state is added and not handled.
 */
export const caseStatuses = [
  'intake',
  'notice_pending',
  'active',
  'promise',
  'plan',
  'closed_paid',
  'closed_settled',
  'closed_prescribed',
  'closed_returned',
  'closed_erroneous',
  'litigation',
] as const;

export type CaseStatus = (typeof caseStatuses)[number];

export function isCaseStatus(value: string): value is CaseStatus {
  return (caseStatuses as readonly string[]).includes(value);
}

/** A closed case is never contacted for collection again. */
export function isClosed(status: CaseStatus): boolean {
  switch (status) {
    case 'closed_paid':
    case 'closed_settled':
    case 'closed_prescribed':
    case 'closed_returned':
    case 'closed_erroneous':
      return true;
    case 'intake':
    case 'notice_pending':
    case 'active':
    case 'promise':
    case 'plan':
    case 'litigation':
      return false;
  }
}

/** Collection (calls, reminders) may run only in these states; litigation belongs to lawyers. */
export function isCollectable(status: CaseStatus): boolean {
  switch (status) {
    case 'notice_pending':
    case 'active':
    case 'promise':
    case 'plan':
      return true;
    case 'intake':
    case 'closed_paid':
    case 'closed_settled':
    case 'closed_prescribed':
    case 'closed_returned':
    case 'closed_erroneous':
    case 'litigation':
      return false;
  }
}
