/**
 * contact_points.debtor_id → debtors(id) is enforced by statement triggers (migration 0011) instead of a
 * per-row FOREIGN KEY: the same guarantees, on both databases — no contact point without its debtor
 * (INSERT, COPY, UPDATE), no debtor deleted or re-keyed while a contact point names it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/adapters/db/ids.ts';
import { withRawTransaction } from '../../src/adapters/db/raw-session.ts';
import { buildContactPoint, buildDebtor } from '../../src/adapters/db/seed/factories.ts';
import { contactPoints, debtors } from '../../src/adapters/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
});

/** The error a statement fails with, or null; PostgreSQL's SQLSTATE is in `code` (both drivers). */
async function failure(work: () => Promise<unknown>): Promise<{ code?: string; message: string } | null> {
  try {
    await work();
    return null;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    return { code: (cause as { code?: string }).code, message: (cause as Error).message };
  }
}

const copyRow = (debtorId: string, value: string) =>
  [debtorId, newId(), 'email', value, 'creditor_file', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'].join('\t') + '\n';
const copyColumns = ['debtor_id', 'id', 'kind', 'value', 'source_kind', 'source_at', 'valid_from'];

describe('a contact point names an existing debtor', () => {
  it('accepts contact points of existing debtors, also created in the same transaction', async () => {
    const existing = buildDebtor();
    await t.database.db.insert(debtors).values(existing);
    await t.database.db.insert(contactPoints).values(buildContactPoint(existing.id!, { kind: 'email', value: 'a@example.org' }));
    const created = buildDebtor();
    await withRawTransaction(t.database, async (session) => {
      await session.query('insert into debtors (id) values ($1)', [created.id]);
      await session.copyIn('contact_points', copyColumns, copyRow(created.id!, 'b@example.org') + copyRow(existing.id!, 'c@example.org'));
    });
    const rows = await t.database.db.select().from(contactPoints);
    expect(rows.map((r) => r.value).sort()).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
  });

  it('refuses an INSERT naming no debtor, and writes nothing', async () => {
    const before = (await t.database.db.select().from(contactPoints)).length;
    const error = await failure(() => t.database.db.insert(contactPoints).values(buildContactPoint(newId(), { kind: 'email', value: 'ghost@example.org' })));
    expect(error?.code).toBe('23503');
    expect(error?.message).toContain('contact_points');
    expect((await t.database.db.select().from(contactPoints)).length).toBe(before);
  });

  it('refuses a COPY where one row of many names no debtor, and writes none of them', async () => {
    const debtor = buildDebtor();
    await t.database.db.insert(debtors).values(debtor);
    const ghost = newId();
    const error = await failure(() => withRawTransaction(t.database, (session) =>
      session.copyIn('contact_points', copyColumns, copyRow(debtor.id!, 'ok@example.org') + copyRow(ghost, 'ghost@example.org'))));
    expect(error?.code).toBe('23503');
    expect(error?.message).toContain('debtors');
    expect(await t.database.db.select().from(contactPoints).where(eq(contactPoints.debtorId, debtor.id!))).toEqual([]);
  });

  it('refuses moving a contact point to a debtor that does not exist', async () => {
    const [point] = await t.database.db.select().from(contactPoints).limit(1);
    const error = await failure(() => t.database.db.update(contactPoints).set({ debtorId: newId() }).where(eq(contactPoints.id, point!.id)));
    expect(error?.code).toBe('23503');
  });
});

describe('a debtor named by a contact point stays', () => {
  it('refuses deleting it or changing its id; a debtor without contact points can go', async () => {
    const held = buildDebtor();
    await t.database.db.insert(debtors).values(held);
    await t.database.db.insert(contactPoints).values(buildContactPoint(held.id!, { kind: 'phone', value: '+33612345678' }));
    expect((await failure(() => t.database.db.delete(debtors).where(eq(debtors.id, held.id!))))?.code).toBe('23503');
    expect((await failure(() => t.database.db.update(debtors).set({ id: newId() }).where(eq(debtors.id, held.id!))))?.code).toBe('23503');
    expect(await t.database.db.select({ id: debtors.id }).from(debtors).where(eq(debtors.id, held.id!))).toEqual([{ id: held.id }]);

    const free = buildDebtor();
    await t.database.db.insert(debtors).values(free);
    expect(await failure(() => t.database.db.delete(debtors).where(eq(debtors.id, free.id!)))).toBeNull();
    expect(await t.database.db.select().from(debtors).where(eq(debtors.id, free.id!))).toEqual([]);
  });
});
