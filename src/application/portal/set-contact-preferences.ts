/**
 * Contact preferences from the debtor: channels refused ("stop calling me" = calls refused), quiet
 * hours, written contact only. Stored with the debtor and read by the engine on the very next send
 * (messaging `loadCase` → `buildContactSituation` → `decideContact`): effective at once. "Stop calling"
 * follows LEGAL_RULES.md row 2 (hard stop after an explicit request); hours follow the debtor's
 * reasonable requests (the UK CONC 7.9 model, LEGAL_RULES.md (d)).
 */
import { parseLocalTime } from '../../domain/time/index.ts';
import { AppError } from '../errors.ts';
import type { Preferences } from '../ports/portal-repository.ts';
import { debtorActorId, type DebtorActor, type PortalDeps } from './portal-deps.ts';

export async function setContactPreferences(
  deps: Pick<PortalDeps, 'uow' | 'clock'>, actor: DebtorActor, input: Omit<Preferences, 'updatedAt'>,
): Promise<Preferences> {
  for (const window of input.quietHours) {
    try {
      parseLocalTime(window.from);
      parseLocalTime(window.to);
    } catch {
      throw new AppError('validation_failed', 'Hours are HH:mm');
    }
  }
  const now = deps.clock.now();
  const clean = { optOut: [...new Set(input.optOut)], quietHours: input.quietHours.slice(0, 4), writtenOnly: input.writtenOnly };
  await deps.uow.run(async (repos) => {
    const before = await repos.portal.preferences(actor.debtorId);
    await repos.portal.savePreferences(actor.debtorId, clean, now);
    await repos.arrangements.appendCaseEvent({
      creditorId: actor.creditorId, caseId: actor.caseId, at: now, type: 'preferences.changed', actorKind: 'debtor', actorId: debtorActorId(actor),
      data: { before: { optOut: before.optOut, quietHours: before.quietHours, writtenOnly: before.writtenOnly }, after: clean },
    });
  });
  return { ...clean, updatedAt: now };
}
