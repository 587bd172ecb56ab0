/** A free-text note on the case's timeline (`note.added`). */
import type { Actor } from '../actor.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import type { Clock } from '../ports/clock.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent } from './case-history.ts';

export async function addNote(deps: { uow: UnitOfWork; clock: Clock }, actor: Actor, caseId: string, text: string): Promise<void> {
  const now = deps.clock.now();
  await deps.uow.run(async (repos) => appendEvent(repos, actor, await loadCaseAccess(repos, actor, caseId, 'write'), now, 'note.added', { text }));
}
