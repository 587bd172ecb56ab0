import { eq, sql } from 'drizzle-orm';
import type { SessionRecord, SessionRepository, UserRecord } from '../../application/ports/repositories.ts';
import { shapedRows, type DbExecutor } from './open-database.ts';
import { sessions } from './schema.ts';

const instantOrNull = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

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
   * every authenticated request.
   */
  async findWithUser(id: string): Promise<{ session: SessionRecord; user: UserRecord | null } | null> {
    const [row] = await shapedRows<Record<string, unknown>>(this.db, 'sessionWithUser', () => sql`
      select s.user_id, s.csrf_token, s.expires_at, s.last_seen_at,
             u.id as u_id, u.email, u.display_name, u.role, u.creditor_id, u.team_id, u.locale, u.password_hash, u.failed_login_count,
             u.locked_until, u.disabled_at
        from sessions s left join users u on u.id = s.user_id
       where s.id = ${sql.placeholder('id')}`, { id });
    if (!row) return null;
    const session: SessionRecord = {
      id, userId: row.user_id as string, csrfToken: row.csrf_token as string, expiresAt: new Date(row.expires_at as string), lastSeenAt: new Date(row.last_seen_at as string),
    };
    const user: UserRecord | null = row.u_id === null ? null : {
      id: row.u_id as string, email: row.email as string, displayName: row.display_name as string, role: row.role as UserRecord['role'],
      creditorId: row.creditor_id as string | null, teamId: row.team_id as string | null, locale: row.locale as UserRecord['locale'],
      passwordHash: row.password_hash as string, failedLoginCount: Number(row.failed_login_count), lockedUntil: instantOrNull(row.locked_until),
      disabledAt: instantOrNull(row.disabled_at),
    };
    return { session, user };
  }

  async touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }
}
