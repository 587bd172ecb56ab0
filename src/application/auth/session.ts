/** Resolving and ending back-office sessions. Sessions slide with activity up to an absolute maximum. */
import type { UserActor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { SessionRepository, SessionWithUser, UnitOfWork } from '../ports/repositories.ts';
import type { Secrets } from '../ports/secrets.ts';
import { toPublicUser, type PublicUser } from './log-in.ts';

export interface SessionDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly sessionTtlMinutes: number;
}

export interface ActiveSession {
  readonly sessionId: string;
  readonly actor: UserActor;
  readonly user: PublicUser;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

/** Extending the expiry on every request would write on every request: do it at most once a minute. */
const touchIntervalMs = 60_000;

export async function resolveSession(deps: SessionDeps, token: string): Promise<ActiveSession> {
  const now = deps.clock.now();
  const sessionId = deps.secrets.digest(token);
  // Every request resolves its session: no transaction around two reads (the touch and the delete are
  // single statements, atomic on their own).
  return deps.uow.read(async (repos) => admitSession(deps, repos.sessions, sessionId, await repos.sessions.findWithUser(sessionId), now));
}

/** A session admitted only for `roles` (a route's rule): the one role check of the auth hook and the worklist's own session read. */
export function admitRole(session: ActiveSession, roles: readonly UserActor['role'][]): ActiveSession {
  if (!roles.includes(session.actor.role)) throw new AppError('forbidden', 'Your role does not allow this');
  return session;
}

/**
 * The checks a session passes once read (by `findWithUser`, or by a page's own statement with its rows:
 * `listWorklistForSession`), the same whichever statement read it: unknown or expired → unauthenticated; its
 * user gone or disabled → the session is deleted, unauthenticated; otherwise its expiry slides, written at
 * most once a minute.
 */
export async function admitSession(
  deps: Pick<SessionDeps, 'sessionTtlMinutes'>, sessions: Pick<SessionRepository, 'touch' | 'delete'>, sessionId: string, found: SessionWithUser | null, now: Date,
): Promise<ActiveSession> {
  if (!found || found.session.expiresAt <= now) throw new AppError('unauthenticated', 'No valid session');
  const { session, user } = found;
  if (!user || user.disabledAt) {
    await sessions.delete(sessionId);
    throw new AppError('unauthenticated', 'No valid session');
  }
  let expiresAt = session.expiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() >= touchIntervalMs) {
    expiresAt = new Date(now.getTime() + deps.sessionTtlMinutes * 60_000);
    await sessions.touch(sessionId, now, expiresAt);
  }
  return {
    sessionId,
    actor: { kind: 'user', userId: user.id, role: user.role, creditorId: user.creditorId, teamId: user.teamId },
    user: toPublicUser(user),
    csrfToken: session.csrfToken,
    expiresAt,
  };
}

export async function logOut(deps: Pick<SessionDeps, 'uow' | 'clock'>, session: ActiveSession): Promise<void> {
  await deps.uow.run(async (repos) => {
    await repos.sessions.delete(session.sessionId);
    await repos.audit.append({
      at: deps.clock.now(), actorKind: 'user', actorId: session.actor.userId, action: 'auth.logout', entityType: 'user',
      entityId: session.actor.userId,
    });
  });
}
