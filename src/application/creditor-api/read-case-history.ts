/** A case's history (its case events, oldest first), scoped like the case itself: another creditor's case is not found. */
import type { Actor } from '../actor.ts';
import { getCase } from '../cases/read-cases.ts';
import type { CaseHistoryItem, CreditorCaseRepository } from '../ports/creditor-cases.ts';
import type { CaseRepository } from '../ports/repositories.ts';

export async function readCaseHistory(
  repos: { cases: CaseRepository; creditorCases: CreditorCaseRepository }, actor: Actor, caseId: string, page: { limit: number; offset: number },
): Promise<{ items: CaseHistoryItem[]; total: number }> {
  const found = await getCase(repos, actor, caseId);
  return repos.creditorCases.history(found.creditorId, found.id, page);
}
