/**
 * Reading cases with the actor's data scope applied. A creditor user sees only its own creditor's
 * cases; another creditor's case answers "not found", never revealing that it exists.
 */
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { CaseStatus } from '../../domain/case/case-status.ts';
import type { CaseRepository, CaseSummary } from '../ports/repositories.ts';

export function caseScopeOf(actor: Actor): { creditorId?: string } {
  switch (actor.kind) {
    case 'system':
      return {};
    case 'user':
      switch (actor.role) {
        case 'creditor':
          // The schema guarantees creditor users carry their creditor id; fail closed all the same.
          return { creditorId: actor.creditorId ?? '00000000-0000-0000-0000-000000000000' };
        case 'admin':
        case 'manager':
        case 'agent':
        case 'compliance':
          return {};
      }
  }
}

export async function getCase(deps: { cases: CaseRepository }, actor: Actor, caseId: string): Promise<CaseSummary> {
  const found = await deps.cases.findSummary(caseId);
  const scope = caseScopeOf(actor);
  if (!found || (scope.creditorId !== undefined && found.creditorId !== scope.creditorId)) throw notFound('Case');
  return found;
}

export async function listCases(
  deps: { cases: CaseRepository },
  actor: Actor,
  query: { status?: CaseStatus; limit: number; offset: number },
): Promise<{ items: CaseSummary[]; total: number }> {
  return deps.cases.listSummaries({ ...query, ...caseScopeOf(actor) });
}
