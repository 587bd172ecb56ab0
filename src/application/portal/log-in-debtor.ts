/**
 * Debtor login: case reference + access code from the first letter + birth date. Any mismatch — an
 * unknown reference, a wrong code, a wrong date, a case without a code yet — gives the same
 * `invalid_credentials` problem after the same hashing work; failures are counted per typed
 * reference (known or not) and the tenth within an hour locks that reference for thirty minutes,
 * again identically for a reference that matches nothing. Per-IP limits are set on the route.
 */
import { normaliseAccessCode, normaliseReference } from '../../domain/portal/credentials.ts';
import { afterFailure, isLocked } from '../../domain/portal/login-throttle.ts';
import { AppError } from '../errors.ts';
import type { PortalDeps, DebtorActor } from './portal-deps.ts';

export interface DebtorLogInInput {
  readonly reference: string;
  readonly accessCode: string;
  readonly birthDate: string;
  readonly ip: string | null;
}

export interface DebtorLoggedIn {
  readonly actor: DebtorActor;
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export function throttleKey(deps: Pick<PortalDeps, 'secrets'>, reference: string): string {
  return deps.secrets.digest(`portal-login:${normaliseReference(reference)}`);
}

export async function logInDebtor(deps: PortalDeps, input: DebtorLogInInput): Promise<DebtorLoggedIn> {
  const now = deps.clock.now();
  const reference = normaliseReference(input.reference);
  const key = throttleKey(deps, reference);
  const { state, candidates } = await deps.uow.run(async (repos) => ({
    state: await repos.portal.throttle(key),
    candidates: await repos.portal.loginCandidates(reference),
  }));
  if (isLocked(state, now)) throw lockedError(state!.lockedUntil!, now);

  const code = normaliseAccessCode(input.accessCode);
  const dated = candidates.filter((c) => c.birthDate !== null && c.birthDate === input.birthDate && c.accessCodeHash !== null);
  let match: (typeof dated)[number] | null = null;
  if (dated.length === 0) {
    await deps.hasher.verify(deps.decoyHash, code);
  } else {
    for (const candidate of dated) {
      if (await deps.hasher.verify(candidate.accessCodeHash!, code)) {
        match = candidate;
        break;
      }
    }
  }
  if (!match) {
    const next = afterFailure(state, now);
    await deps.uow.run(async (repos) => {
      await repos.portal.saveThrottle(key, next, now);
      await repos.audit.append({
        at: now, actorKind: 'anonymous', actorId: null, action: 'portal.login_failed', entityType: 'portal', entityId: null,
        data: { ip: input.ip, locked: next.lockedUntil !== null },
      });
    });
    if (next.lockedUntil) throw lockedError(next.lockedUntil, now);
    throw new AppError('invalid_credentials', 'The reference, access code or birth date is incorrect');
  }
  const sessionToken = deps.secrets.token();
  const csrfToken = deps.secrets.token();
  const expiresAt = new Date(now.getTime() + deps.sessionIdleMinutes * 60_000);
  const actor: DebtorActor = { kind: 'debtor', creditorId: match.creditorId, caseId: match.caseId, debtorId: match.debtorId };
  await deps.uow.run(async (repos) => {
    await repos.portal.clearThrottle(key);
    await repos.portal.createSession({
      id: deps.secrets.digest(sessionToken), creditorId: match.creditorId, caseId: match.caseId, debtorId: match.debtorId, csrfToken,
      lastSeenAt: now, expiresAt, absoluteExpiresAt: new Date(now.getTime() + deps.sessionMaxMinutes * 60_000),
    });
    await repos.audit.append({
      at: now, actorKind: 'debtor', actorId: `debtor:${match.debtorId}`, action: 'portal.login', entityType: 'case', entityId: match.caseId,
      creditorId: match.creditorId, caseId: match.caseId, data: { ip: input.ip },
    });
  });
  return { actor, sessionToken, csrfToken, expiresAt };
}

function lockedError(lockedUntil: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError('account_locked', `Too many failed attempts: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, { retryAfterSeconds });
}
