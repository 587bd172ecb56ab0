/**
 * The call script's first step: the person on the line confirms two facts from the file before the debt
 * is disclosed. The check is recorded (which facts matched, never the answers), so the file shows that
 * disclosure followed a verification.
 */
import { verifyIdentity, type IdentityAnswer, type IdentityCheck } from '../../domain/backoffice/index.ts';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { Clock } from '../ports/clock.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent } from './case-history.ts';

export async function identityCheckIn(repos: Repositories, caseId: string, answers: readonly IdentityAnswer[]): Promise<IdentityCheck> {
  const file = await repos.backoffice.identityFile(caseId);
  if (!file) throw notFound('Case');
  return verifyIdentity({
    birth_date: file.birthDate, postcode: file.postcode, birth_place: file.birthPlace, contract_reference: file.contractReference, email: file.email,
  }, answers);
}

export async function checkIdentity(deps: { uow: UnitOfWork; clock: Clock }, actor: Actor, caseId: string, answers: readonly IdentityAnswer[]): Promise<IdentityCheck> {
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const access = await loadCaseAccess(repos, actor, caseId, 'write');
    const check = await identityCheckIn(repos, caseId, answers);
    await appendEvent(repos, actor, access, now, 'identity.checked', { verified: check.verified, matched: check.matched, mismatched: check.mismatched });
    return check;
  });
}
