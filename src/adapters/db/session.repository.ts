import { eq } from 'drizzle-orm';
import type { SessionRecord, SessionRepository } from '../../application/ports/repositories.ts';
import type { DbExecutor } from './open-database.ts';
import { sessions } from './schema.ts';

export class DrizzleSessionRepository implements SessionRepository {
  constructor(private readonly db: DbExecutor) {}

  async create(session: SessionRecord & { ip: string | null; userAgent: string | null }): Promise<void> {
    await this.db.insert(sessions).values(session);
  }

  async findById(id: string): Promise<SessionRecord | null> {
    const [row] = await this.db.select().from(sessions).where(eq(sessions.id, id));
    return row ? { id: row.id, userId: row.userId, csrfToken: row.csrfToken, expiresAt: row.expiresAt, lastSeenAt: row.lastSeenAt } : null;
  }

  async touch(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }
}
