/**
 * Deadlines of a data subject's request (GDPR Art. 12(3)): the controller answers "without undue
 * delay and in any event within one month of receipt of the request"; the period "may be extended by
 * two further months where necessary", the person being told of the extension within the first month.
 * A period in months ends on the same date of the following month, or on the last day of that month
 * when it has no such date (Regulation 1182/71, Art. 3(2)(c)) — what `addMonths` does.
 */
import { addMonths, compareCivilDates, daysBetween, parseCivilDate, type CivilDate } from '../time/index.ts';

export const RIGHTS_RESPONSE_MONTHS = 1;
export const RIGHTS_EXTENSION_MONTHS = 2;
/** Escalate a week before the deadline (LEGAL_RULES.md 7a: "escalate at T+25 days"). */
export const RIGHTS_WARNING_DAYS = 7;

export interface RightsDeadline {
  readonly dueOn: CivilDate;
  /** The latest date if the controller extends in time (Art. 12(3), second sentence). */
  readonly extendedDueOn: CivilDate;
}

export function rightsDeadline(receivedOn: CivilDate | string): RightsDeadline {
  const day = parseCivilDate(receivedOn);
  return { dueOn: addMonths(day, RIGHTS_RESPONSE_MONTHS), extendedDueOn: addMonths(day, RIGHTS_RESPONSE_MONTHS + RIGHTS_EXTENSION_MONTHS) };
}

export type DeadlineState = 'on-time' | 'due-soon' | 'overdue';

/** Where an open request stands on `today` against its (possibly extended) due date. */
export function deadlineState(dueOn: CivilDate | string, today: CivilDate | string): DeadlineState {
  const due = parseCivilDate(dueOn);
  const day = parseCivilDate(today);
  if (compareCivilDates(day, due) > 0) return 'overdue';
  return daysBetween(day, due) <= RIGHTS_WARNING_DAYS ? 'due-soon' : 'on-time';
}
