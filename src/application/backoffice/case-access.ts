/**
 * Who may open and change a case in the back office. Staff see every case except agents, who see their
 * own team's cases, the cases assigned to them, and cases not yet given to any team; another team's
 * case is refused (403). Creditor users and API keys read their own creditor's cases only (another's
 * answers 404, never revealing it exists), and never change anything here.
 */
import type { Actor } from '../actor.ts';
import { forbidden, notFound } from '../errors.ts';
import type { CaseAccess } from '../ports/backoffice-repository.ts';
import type { Repositories } from '../ports/repositories.ts';

export type AccessMode = 'read' | 'write';

export function checkCaseAccess(actor: Actor, access: CaseAccess | null, mode: AccessMode): CaseAccess {
  if (!access) throw notFound('Case');
  switch (actor.kind) {
    case 'system':
      return access;
    case 'api_key':
      if (access.creditorId !== actor.creditorId) throw notFound('Case');
      if (mode === 'write') throw forbidden('A creditor reads its cases; agents change them');
      return access;
    case 'user':
      switch (actor.role) {
        case 'creditor':
          if (access.creditorId !== actor.creditorId) throw notFound('Case');
          if (mode === 'write') throw forbidden('A creditor reads its cases; agents change them');
          return access;
        case 'agent':
          if (access.assignedUserId === actor.userId || access.teamId === null || (actor.teamId !== null && access.teamId === actor.teamId)) return access;
          throw forbidden('This case belongs to another team');
        case 'admin':
        case 'manager':
        case 'compliance':
          return access;
      }
  }
}

export async function loadCaseAccess(repos: Pick<Repositories, 'backoffice'>, actor: Actor, caseId: string, mode: AccessMode): Promise<CaseAccess> {
  return checkCaseAccess(actor, await repos.backoffice.caseAccess(caseId), mode);
}
