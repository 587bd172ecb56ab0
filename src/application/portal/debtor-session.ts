/** Debtor portal sessions: short (idle expiry, sliding, within an absolute maximum), one case each. */
import { AppError } from '../errors.ts';
import type { PortalDeps, DebtorActor } from './portal-deps.ts';

export interface ActiveDebtorSession {
  readonly sessionId: string;
  readonly actor: DebtorActor;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** Extending on every request would write on every request: at most once every 30 seconds. */
const touchIntervalMs = 30_000;

export async function resolveDebtorSession(deps: Pick<PortalDeps, 'uow' | 'clock' | 'secrets' | 'sessionIdleMinutes'>, token: string): Promise<ActiveDebtorSession> {
  const now = deps.clock.now();
  const sessionId = deps.secrets.digest(token);
  return deps.uow.run(async (repos) => {
    const session = await repos.portal.findSession(sessionId);
    if (!session || session.expiresAt <= now || session.absoluteExpiresAt <= now) {
      if (session) await repos.portal.deleteSession(sessionId);
      throw new AppError('unauthenticated', 'No valid portal session');
    }
    let expiresAt = session.expiresAt;
    if (now.getTime() - session.lastSeenAt.getTime() >= touchIntervalMs) {
      expiresAt = new Date(Math.min(now.getTime() + deps.sessionIdleMinutes * 60_000, session.absoluteExpiresAt.getTime()));
      await repos.portal.touchSession(sessionId, now, expiresAt);
    }
    return {
      sessionId,
      actor: { kind: 'debtor', creditorId: session.creditorId, caseId: session.caseId, debtorId: session.debtorId },
      csrfToken: session.csrfToken,
      expiresAt,
    };
  });
}

export async function logOutDebtor(deps: Pick<PortalDeps, 'uow' | 'clock'>, session: ActiveDebtorSession): Promise<void> {
  await deps.uow.run(async (repos) => {
    await repos.portal.deleteSession(session.sessionId);
    await repos.audit.append({
      at: deps.clock.now(), actorKind: 'debtor', actorId: `debtor:${session.actor.debtorId}`, action: 'portal.logout', entityType: 'case',
      entityId: session.actor.caseId, creditorId: session.actor.creditorId, caseId: session.actor.caseId,
    });
  });
}
