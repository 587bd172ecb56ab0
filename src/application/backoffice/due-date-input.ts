/** The due date an agent types for a promise or a settlement: a real civil date, not in the past. */
import { compareCivilDates, parseCivilDate, type CivilDate } from '../../domain/time/index.ts';
import { invalidField } from '../errors.ts';

export function parseDueOn(text: string, today: CivilDate, pastMessage: string): CivilDate {
  let dueOn: CivilDate;
  try {
    dueOn = parseCivilDate(text);
  } catch {
    throw invalidField('/dueOn', 'not a date');
  }
  if (compareCivilDates(dueOn, today) < 0) throw invalidField('/dueOn', pastMessage);
  return dueOn;
}
