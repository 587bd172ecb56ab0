import { count, eq, sql } from 'drizzle-orm';
import type { NewUser, UserRecord, UserRepository } from '../../application/ports/repositories.ts';
import { newId } from './ids.ts';
import type { DbExecutor } from './open-database.ts';
import { users } from './schema.ts';

type UserRow = typeof users.$inferSelect;

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id, email: row.email, displayName: row.displayName, role: row.role, creditorId: row.creditorId,
    teamId: row.teamId, locale: row.locale, passwordHash: row.passwordHash, failedLoginCount: row.failedLoginCount,
    lockedUntil: row.lockedUntil, disabledAt: row.disabledAt,
  };
}

export class DrizzleUserRepository implements UserRepository {
  constructor(private readonly db: DbExecutor) {}

  async findByEmail(email: string): Promise<UserRecord | null> {
    const [row] = await this.db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
    return row ? toRecord(row) : null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row ? toRecord(row) : null;
  }

  async create(user: NewUser): Promise<UserRecord> {
    const [row] = await this.db.insert(users).values({ id: newId(), ...user, email: user.email.toLowerCase() }).returning();
    return toRecord(row!);
  }

  async recordFailedLogin(id: string, failedLoginCount: number, lockedUntil: Date | null): Promise<void> {
    await this.db.update(users).set({ failedLoginCount, lockedUntil }).where(eq(users.id, id));
  }

  async recordSuccessfulLogin(id: string, at: Date): Promise<void> {
    await this.db.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at }).where(eq(users.id, id));
  }

  async count(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(users);
    return row?.n ?? 0;
  }
}
