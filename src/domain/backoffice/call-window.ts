/**
 * What the worklist says about when a case may be called: "callable until 20:00 local, 2 calls left
 * this week". Read from the same profile data the engine decides with (contact-policy/profiles.ts), so
 * the text cannot drift from the rule; the engine still decides every call.
 */
import { contactProfiles, type ContactAttempt, type ProfileId } from '../contact-policy/index.ts';
import { parseInstantToEpochMs, toZonedDateTime, MS_PER_DAY } from '../time/index.ts';

export interface CallWindow {
  /** Local 'HH:mm' at which the current call window closes; null when outside every window. */
  readonly until: string | null;
  /** Calls the weekly cap still allows (null when the profile has none). */
  readonly callsLeft: number | null;
  readonly capDays: number | null;
  readonly message: { readonly fr: string; readonly en: string };
}

const hhmm = (ms: number) => `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}`;

export function callWindow(profileId: ProfileId, atEpochMs: number, timeZone: string, history: readonly ContactAttempt[]): CallWindow {
  const profile = contactProfiles[profileId];
  const local = toZonedDateTime(atEpochMs, timeZone);
  const window = profile.windows.call[local.weekday].find((w) => w.from <= local.msOfDay && local.msOfDay < w.to) ?? null;
  const cap = profile.rollingCaps.find((c) => c.channel === 'call' && c.rule === 'weekly-cap') ?? null;
  let callsLeft: number | null = null;
  if (cap) {
    const since = atEpochMs - cap.days * MS_PER_DAY;
    const used = history.filter((a) => a.channel === 'call' && (a.purpose ?? 'collection') === 'collection' && parseInstantToEpochMs(a.at) > since && parseInstantToEpochMs(a.at) <= atEpochMs).length;
    callsLeft = Math.max(0, cap.max - used);
  }
  const until = window ? hhmm(window.to) : null;
  const capFr = callsLeft === null ? '' : `, ${callsLeft} appel${callsLeft > 1 ? 's' : ''} restant${callsLeft > 1 ? 's' : ''} sur ${cap!.days} jours`;
  const capEn = callsLeft === null ? '' : `, ${callsLeft} call${callsLeft === 1 ? '' : 's'} left in ${cap!.days} days`;
  return {
    until, callsLeft, capDays: cap?.days ?? null,
    message: until
      ? { fr: `Appelable jusqu’à ${until} heure locale${capFr}`, en: `Callable until ${until} local time${capEn}` }
      : { fr: `Hors des heures d’appel${capFr}`, en: `Outside call hours${capEn}` },
  };
}
