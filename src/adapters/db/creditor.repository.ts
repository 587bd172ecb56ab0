import { asc, eq } from 'drizzle-orm';
import type { CreditorRepository, CreditorSummary } from '../../application/ports/repositories.ts';
import type { DbExecutor } from './open-database.ts';
import { creditors } from './schema.ts';

export class DrizzleCreditorRepository implements CreditorRepository {
  constructor(private readonly db: DbExecutor) {}

  list(filter: { readonly creditorId?: string }): Promise<CreditorSummary[]> {
    return this.db.select({ id: creditors.id, name: creditors.name }).from(creditors)
      .where(filter.creditorId === undefined ? undefined : eq(creditors.id, filter.creditorId)).orderBy(asc(creditors.name));
  }
}
