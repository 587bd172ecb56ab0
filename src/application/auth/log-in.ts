/**
 * Back-office login. One generic error for an unknown e-mail or a wrong password (no enumeration),
 * the same hashing work in both cases (no timing oracle), and a lockout after repeated failures.
 */
import type { UserActor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { Repositories, UnitOfWork, UserRecord } from '../ports/repositories.ts';
import type { Secrets } from '../ports/secrets.ts';

/** Five consecutive failures lock the account for fifteen minutes (OWASP ASVS 2.2.1 allows ≤ 100/h). */
export const maxFailedLogins = 5;
export const lockoutMinutes = 15;

export interface LogInDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly hasher: PasswordHasher;
  readonly secrets: Secrets;
  readonly sessionTtlMinutes: number;
  /** A hash of a random password, verified when the e-mail is unknown so both paths cost the same. */
  readonly decoyHash: string;
}

export interface LogInInput {
  readonly email: string;
  readonly password: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

export interface PublicUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserActor['role'];
  readonly creditorId: string | null;
  readonly locale: 'fr' | 'en';
}

export interface LoggedIn {
  readonly user: PublicUser;
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user.id, email: user.email, displayName: user.displayName, role: user.role,
    creditorId: user.creditorId, locale: user.locale,
  };
}

export async function logIn(deps: LogInDeps, input: LogInInput): Promise<LoggedIn> {
  const now = deps.clock.now();
  const email = input.email.trim().toLowerCase();
  const user = await deps.uow.run((repos) => repos.users.findByEmail(email));
  if (!user || user.disabledAt) {
    await deps.hasher.verify(deps.decoyHash, input.password);
    await deps.uow.run((repos) => auditFailure(repos, now, null, 'unknown_or_disabled'));
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    throw lockedError(user.lockedUntil, now);
  }
  const valid = await deps.hasher.verify(user.passwordHash, input.password);
  if (!valid) {
    const failures = (user.lockedUntil ? 0 : user.failedLoginCount) + 1;
    const lockedUntil = failures >= maxFailedLogins ? new Date(now.getTime() + lockoutMinutes * 60_000) : null;
    await deps.uow.run(async (repos) => {
      await repos.users.recordFailedLogin(user.id, lockedUntil ? 0 : failures, lockedUntil);
      await auditFailure(repos, now, user.id, lockedUntil ? 'locked' : 'wrong_password');
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw invalidCredentials();
  }
  const sessionToken = deps.secrets.token();
  const csrfToken = deps.secrets.token();
  const expiresAt = new Date(now.getTime() + deps.sessionTtlMinutes * 60_000);
  await deps.uow.run(async (repos) => {
    await repos.users.recordSuccessfulLogin(user.id, now);
    await repos.sessions.create({
      id: deps.secrets.digest(sessionToken), userId: user.id, csrfToken, expiresAt, lastSeenAt: now,
      ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await repos.audit.append({
      at: now, actorKind: 'user', actorId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id,
      data: { ip: input.ip },
    });
  });
  return { user: toPublicUser(user), sessionToken, csrfToken, expiresAt };
}

function invalidCredentials(): AppError {
  return new AppError('invalid_credentials', 'E-mail or password is incorrect');
}

function lockedError(lockedUntil: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError('account_locked', `Too many failed attempts: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, {
    retryAfterSeconds,
  });
}

async function auditFailure(repos: Repositories, at: Date, userId: string | null, reason: string): Promise<void> {
  await repos.audit.append({
    at, actorKind: 'anonymous', actorId: null, action: 'auth.login_failed', entityType: 'user', entityId: userId,
    data: { reason },
  });
}
