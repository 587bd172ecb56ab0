/** The creditors an actor may work for (the import page's creditor picker): staff see all, a creditor user or key its own. */
import type { Actor } from '../actor.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import type { CreditorRepository, CreditorSummary } from '../ports/repositories.ts';

export function listCreditors(deps: { creditors: CreditorRepository }, actor: Actor): Promise<CreditorSummary[]> {
  return deps.creditors.list(caseScopeOf(actor));
}
