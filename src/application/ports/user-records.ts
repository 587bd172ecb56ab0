/** A back-office user and session as the repositories read them (their own file: the session ports and the worklist's read share them). */
import type { UserRole } from '../actor.ts';

export interface UserRecord {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: UserRole;
  readonly creditorId: string | null;
  readonly teamId: string | null;
  readonly locale: 'fr' | 'en';
  readonly passwordHash: string;
  readonly failedLoginCount: number;
  readonly lockedUntil: Date | null;
  readonly disabledAt: Date | null;
}

export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
}

/** A session with its user as one read finds them; `user` null if it is gone. */
export interface SessionWithUser {
  readonly session: SessionRecord;
  readonly user: UserRecord | null;
}
