import { formatZonedDateTime, instantFromEpochMs, toZonedDateTime, type Instant } from '../time/index.ts';
import { evaluateAt, Verdict } from './evaluate-rules.ts';
import { prepareSituation, type PreparedSituation } from './prepare-situation.ts';
import type { Decision, InstantInput, Situation } from './situation.ts';

/**
 * How many boundaries the search may visit before it gives up and answers null. Real situations need
 * a handful (end of a pause → next window → day after a holiday…); the bound only stops pathological
 * ones, such as quiet hours that cover every contact window, from looping forever.
 */
const MAX_SEARCH_STEPS = 1000;

/**
 * May this contact happen at `situation.at`? Pure: the same situation always gives the same answer.
 * Every rule that forbids it is reported (not just the first), with its kind and citation, and
 * `nextAllowedAt` is the earliest instant at or after `at` when the same contact would be allowed.
 * Throws a RangeError naming the field when the situation cannot be read (impossible date, unknown
 * postcode or zone…). Instants may be ISO strings or epoch milliseconds (`InstantInput`): the same
 * instants give the same decision in either form.
 */
export function decideContact(situation: Situation<InstantInput>): Decision {
  const prepared = prepareSituation(situation);
  const zoned = toZonedDateTime(prepared.at, prepared.timeZone);
  const verdict = new Verdict(true);
  evaluateAt(prepared, prepared.at, zoned, verdict);
  const reasons = verdict.reasons();
  const allowed = verdict.blocked === 0;
  const next = allowed ? prepared.at : nextAllowedAfter(prepared, verdict);
  // Allowed at once: `at` itself, already canonical when it was given as a string without milliseconds.
  const atText = situation.at;
  const nextAllowedAt = next === null ? null
    : next === prepared.at && typeof atText === 'string' && atText.length === 20 && atText.charCodeAt(19) === 90 /* Z */ && atText.charCodeAt(10) === 84 /* T */
      ? atText as Instant : instantFromEpochMs(next);
  const localTime = formatZonedDateTime(zoned);
  const { territory, timeZone } = prepared;
  // `id` first in the output, and absent rather than undefined when the situation had none.
  return prepared.id === undefined
    ? { allowed, reasons, nextAllowedAt, localTime, territory, timeZone }
    : { id: prepared.id, allowed, reasons, nextAllowedAt, localTime, territory, timeZone };
}

/**
 * Each blocking rule knows the earliest instant at which it alone stops blocking, so no instant before
 * the latest of those can be allowed: jump there and evaluate again, until nothing blocks. Every jump
 * moves strictly forward, and a rule that only a change of state can lift ends the search. Only the
 * releases matter here: the verdicts of the later instants collect no reasons.
 */
function nextAllowedAfter(situation: PreparedSituation, initial: Verdict): number | null {
  let verdict = initial;
  let t = situation.at;
  for (let step = 0; step < MAX_SEARCH_STEPS; step += 1) {
    if (verdict.blocked === 0) return t;
    const release = Math.max(t, verdict.latestRelease);
    if (release === Infinity) return null;
    t = release;
    if (verdict === initial) verdict = new Verdict(false);
    else verdict.reset();
    evaluateAt(situation, t, toZonedDateTime(t, situation.timeZone), verdict);
  }
  return null;
}
