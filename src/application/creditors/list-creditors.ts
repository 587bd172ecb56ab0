/** The creditors an actor may work for (the import page's creditor picker): staff see all, a creditor user or key its own. */
import type { Actor } from '../actor.ts';
import { caseScopeOf } from '../cases/read-cases.ts';

export interface CreditorSummary {
  readonly id: string;
  readonly name: string;
}

export interface CreditorRepository {
  list(filter: { readonly creditorId?: string }): Promise<CreditorSummary[]>;
}

export function listCreditors(deps: { creditors: CreditorRepository }, actor: Actor): Promise<CreditorSummary[]> {
  return deps.creditors.list(caseScopeOf(actor));
}
