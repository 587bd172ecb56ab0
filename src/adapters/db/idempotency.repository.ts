import { and, eq, lte, sql } from 'drizzle-orm';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from '../../application/idempotency/idempotent-request.ts';
import type { DbExecutor } from './open-database.ts';
import { idempotencyKeys } from './schema.ts';

/** Each call is its own statement on the database handle (not a request's transaction): it commits at once. */
export class DrizzleIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: DbExecutor) {}

  async tryInsert(record: IdempotencyRecord): Promise<boolean> {
    const inserted = await this.db.insert(idempotencyKeys).values({ ...record, createdAt: sql`now()` })
      .onConflictDoNothing().returning({ key: idempotencyKeys.key });
    return inserted.length === 1;
  }

  async find(principal: string, key: string): Promise<IdempotencyRecord | null> {
    const [row] = await this.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
    return row ?? null;
  }

  async takeOver(record: IdempotencyRecord, expected: { lockedUntil: Date; status: string }): Promise<boolean> {
    const updated = await this.db.update(idempotencyKeys).set({
      method: record.method, path: record.path, fingerprint: record.fingerprint, status: 'in_progress', responseStatus: null, responseType: null,
      responseBody: null, lockedUntil: record.lockedUntil, expiresAt: record.expiresAt, createdAt: sql`now()`,
    }).where(and(eq(idempotencyKeys.principal, record.principal), eq(idempotencyKeys.key, record.key),
      eq(idempotencyKeys.lockedUntil, expected.lockedUntil), eq(idempotencyKeys.status, expected.status as 'in_progress' | 'completed')))
      .returning({ key: idempotencyKeys.key });
    return updated.length === 1;
  }

  async complete(principal: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.update(idempotencyKeys).set({ status: 'completed', responseStatus: response.status, responseType: response.type, responseBody: response.body })
      .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
  }

  async release(principal: string, key: string): Promise<void> {
    await this.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key), eq(idempotencyKeys.status, 'in_progress')));
  }

  async purgeExpired(now: Date): Promise<number> {
    const deleted = await this.db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
    return deleted.length;
  }
}
