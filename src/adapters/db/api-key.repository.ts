import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ApiKeyRecord, ApiKeyRepository } from '../../application/api-keys/api-keys.ts';
import type { DbExecutor } from './open-database.ts';
import { apiKeys, creditors } from './schema.ts';

export class DrizzleApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: DbExecutor) {}

  async create(record: Omit<ApiKeyRecord, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<void> {
    await this.db.insert(apiKeys).values({ ...record, scopes: [...record.scopes] });
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRecord | null> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
    return row ?? null;
  }

  async touch(creditorId: string, id: string, at: Date): Promise<void> {
    await this.db.update(apiKeys).set({ lastUsedAt: at }).where(and(eq(apiKeys.creditorId, creditorId), eq(apiKeys.id, id)));
  }

  async creditorExists(creditorId: string): Promise<boolean> {
    const [row] = await this.db.select({ id: creditors.id }).from(creditors).where(eq(creditors.id, creditorId));
    return row !== undefined;
  }

  async list(filter: { readonly creditorId?: string }): Promise<ApiKeyRecord[]> {
    return this.db.select().from(apiKeys).where(filter.creditorId ? eq(apiKeys.creditorId, filter.creditorId) : undefined).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  }

  async revoke(creditorId: string, id: string, at: Date): Promise<ApiKeyRecord | null> {
    await this.db.update(apiKeys).set({ revokedAt: at }).where(and(eq(apiKeys.creditorId, creditorId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
    const [row] = await this.db.select().from(apiKeys).where(and(eq(apiKeys.creditorId, creditorId), eq(apiKeys.id, id)));
    return row ?? null;
  }
}
