import { eq, sql } from 'drizzle-orm';
import type { SessionRecord, SessionRepository, SessionWithUser, UserRecord } from '../../application/ports/repositories.ts';
import { shapedRows, type DbExecutor } from './open-database.ts';
import { sessions } from './schema.ts';

const instantOrNull = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

/** What `findWithUser` reads of a session and its user, aliased `s_*`. */
const sessionWithUserColumnList: readonly (readonly [string, string])[] = [
  ['s.user_id', 's_user_id'], ['s.csrf_token', 's_csrf_token'], ['s.expires_at', 's_expires_at'], ['s.last_seen_at', 's_last_seen_at'],
  ['u.id', 's_u_id'], ['u.email', 's_u_email'], ['u.display_name', 's_u_display_name'], ['u.role', 's_u_role'], ['u.creditor_id', 's_u_creditor_id'],
  ['u.team_id', 's_u_team_id'], ['u.locale', 's_u_locale'], ['u.password_hash', 's_u_password_hash'], ['u.failed_login_count', 's_u_failed_login_count'],
  ['u.locked_until', 's_u_locked_until'], ['u.disabled_at', 's_u_disabled_at'],
];

/** The session's and its user's columns over `sessions s left join users u`, aliased `s_*`. */
export const sessionWithUserColumns = () => sql.raw(sessionWithUserColumnList.map(([column, alias]) => `${column} as ${alias}`).join(', '));

/**
 * The same columns taken from a relation that has them (`sessionWithUserColumns`), null on the rows where
 * `onlyWhen` is not true: a page's statement gives them once rather than on each of its rows.
 */
export const sessionWithUserColumnsWhen = (onlyWhen: string) => sql.raw(sessionWithUserColumnList
  .map(([, alias]) => `case when ${onlyWhen} then ${alias} end as ${alias}`).join(', '));

/** A row with `sessionWithUserColumns` (not null) as the session with its user. */
export function toSessionWithUser(id: string, row: Record<string, unknown>): SessionWithUser {
  const session: SessionRecord = {
    id, userId: row.s_user_id as string, csrfToken: row.s_csrf_token as string, expiresAt: new Date(row.s_expires_at as string),
    lastSeenAt: new Date(row.s_last_seen_at as string),
  };
  const user: UserRecord | null = row.s_u_id === null ? null : {
    id: row.s_u_id as string, email: row.s_u_email as string, displayName: row.s_u_display_name as string, role: row.s_u_role as UserRecord['role'],
    creditorId: row.s_u_creditor_id as string | null, teamId: row.s_u_team_id as string | null, locale: row.s_u_locale as UserRecord['locale'],
    passwordHash: row.s_u_password_hash as string, failedLoginCount: Number(row.s_u_failed_login_count), lockedUntil: instantOrNull(row.s_u_locked_until),
    disabledAt: instantOrNull(row.s_u_disabled_at),
  };
  return { session, user };
}

export class DrizzleSessionRepository implements SessionRepository {
  constructor(private readonly db: DbExecutor) {}

  async create(session: SessionRecord & { ip: string | null; userAgent: string | null }): Promise<void> {
    await this.db.insert(sessions).values(session);
  }

  async findById(id: string): Promise<SessionRecord | null> {
    const [row] = await this.db.select().from(sessions).where(eq(sessions.id, id));
    return row ? { id: row.id, userId: row.userId, csrfToken: row.csrfToken, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt } : null;
  }

  /**
   * One statement (a named prepared statement on PostgreSQL) instead of two round trips: it runs before
   * every authenticated request (the worklist reads it with its page instead: `sessionWithUserColumns`).
   */
  async findWithUser(id: string): Promise<SessionWithUser | null> {
    const [row] = await shapedRows<Record<string, unknown>>(this.db, 'sessionWithUser', () => sql`
      select ${sessionWithUserColumns()} from sessions s left join users u on u.id = s.user_id
       where s.id = ${sql.placeholder('id')}`, { id });
    return row ? toSessionWithUser(id, row) : null;
  }

  async touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }
}
