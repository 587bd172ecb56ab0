/**
 * `debtors.call_points` (migration 0019), which the worklist reads instead of aggregating contact_points for each
 * candidate, always equals what contact_points say (`callPointsOf`, the read it replaced): after rows are inserted
 * one by one or many in a statement, after a status changes, a point is deleted or moves to another debtor, and after
 * an import's COPY, which writes its new debtors with their call points so that the trigger need not write them again. On PostgreSQL, two transactions adding points to one debtor at once: the one that commits last
 * counts both.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { callPointsOf } from '../support/call-points.ts';
import { newId } from '../../src/adapters/db/ids.ts';
import { queryRows } from '../../src/adapters/db/open-database.ts';
import { buildContactPoint, buildDebtor } from '../../src/adapters/db/seed/factories.ts';
import { contactPoints, debtors } from '../../src/adapters/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { importFile, insertCreditor, samplePath } from '../support/intake.ts';

let t: TestDatabase;
const kind = inject('testDb').kind;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.destroy();
});

type PointArray = [string, string, string, string, boolean, number | null, boolean, string | null, string | null];

/** The debtors whose kept call points differ from contact_points', and how many debtors there are. */
async function drift(): Promise<{ debtors: number; differing: string[] }> {
  const rows = await queryRows<{ id: string; kept: string; derived: string }>(t.database.db,
    sql`select d.id, d.call_points::text as kept, ${callPointsOf(sql`d.id`)}::text as derived from debtors d`);
  return { debtors: rows.length, differing: rows.filter((r) => JSON.stringify(JSON.parse(r.kept)) !== JSON.stringify(JSON.parse(r.derived))).map((r) => r.id) };
}
async function keptPoints(debtorId: string): Promise<PointArray[]> {
  const [row] = await queryRows<{ kept: string }>(t.database.db, sql`select call_points::text as kept from debtors where id = ${debtorId}`);
  return JSON.parse(row!.kept) as PointArray[];
}

describe('debtors.call_points follows contact_points', () => {
  const ana = buildDebtor({ firstName: 'Ana', lastName: 'Lopes' });
  const bruno = buildDebtor({ firstName: 'Bruno', lastName: 'Martin' });
  const anaMobile = buildContactPoint(ana.id!, { kind: 'phone', value: '+33612340001', isPrimary: true });
  const anaHome = buildContactPoint(ana.id!, { kind: 'postal', value: '1 rue A 75002', postal: { lines: ['1 rue A'], postcode: '75002', city: 'Paris', country: 'FR' } });
  const anaMail = buildContactPoint(ana.id!, { kind: 'email', value: 'ana@example.org' });

  it('starts empty, and counts the phones and addresses inserted, not the e-mail addresses', async () => {
    await t.database.db.insert(debtors).values([ana, bruno]);
    expect(await keptPoints(ana.id!)).toEqual([]);
    await t.database.db.insert(contactPoints).values(anaMobile);
    await t.database.db.insert(contactPoints).values([anaHome, anaMail]);
    const kept = await keptPoints(ana.id!);
    expect(kept.map((p) => [p[0], p[1], p[2]])).toEqual([[anaMobile.id, 'phone', '+33612340001'], [anaHome.id, 'postal', '1 rue A 75002']]);
    expect(kept[1]!.slice(6)).toEqual([true, '75002', 'FR']);
    expect(await drift()).toEqual({ debtors: 2, differing: [] });
  });

  it('follows a status change, a validity, a deletion and a point moved to another debtor', async () => {
    await t.database.db.execute(sql`update contact_points set status = 'wrong' where id = ${anaMobile.id}`);
    expect((await keptPoints(ana.id!))[0]![3]).toBe('wrong');
    await t.database.db.execute(sql`update contact_points set valid_until = '2031-01-01T00:00:00.999999Z' where id = ${anaHome.id}`);
    expect((await keptPoints(ana.id!))[1]![5]).toBe(Date.parse('2031-01-01T00:00:00.999Z'));
    await t.database.db.execute(sql`update contact_points set debtor_id = ${bruno.id} where id = ${anaHome.id}`);
    expect((await keptPoints(ana.id!)).map((p) => p[0])).toEqual([anaMobile.id]);
    expect((await keptPoints(bruno.id!)).map((p) => p[0])).toEqual([anaHome.id]);
    await t.database.db.execute(sql`delete from contact_points where id = ${anaMobile.id}`);
    expect(await keptPoints(ana.id!)).toEqual([]);
    expect(await drift()).toEqual({ debtors: 2, differing: [] });
  });

  it('follows an import (contact points written by COPY, many debtors in one statement)', async () => {
    const creditorId = await insertCreditor(t.database);
    const outcome = await importFile(t.database, creditorId, samplePath, { batchSize: 5 });
    expect(outcome.import.status).toBe('completed');
    const { debtors: count, differing } = await drift();
    expect(count).toBeGreaterThan(10);
    expect(differing).toEqual([]);
    const withPoints = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from debtors where json_array_length(call_points) > 0`);
    expect(withPoints[0]!.n).toBeGreaterThan(10);
    // The import wrote each new debtor with its call points (`callPointsJson`): the trigger found them right and
    // did not write the row again — no imported debtor's row is a later command of its transaction than its points.
    const [written] = await queryRows<{ together: number; rewritten: number }>(t.database.db, sql`
      select count(*) filter (where exists (select 1 from contact_points p where p.debtor_id = d.id and p.xmin = d.xmin))::int as together,
             count(*) filter (where exists (select 1 from contact_points p where p.debtor_id = d.id and p.xmin = d.xmin
                                              and p.cmin::text::int < d.cmin::text::int))::int as rewritten
        from debtors d where exists (select 1 from cases c where c.debtor_id = d.id)`);
    expect(written!.together).toBeGreaterThan(10);
    expect(written!.rewritten).toBe(0);
  });

  const carla = buildDebtor({ firstName: 'Carla', lastName: 'Petit' });
  const carlaPhone = (value: string) => buildContactPoint(carla.id!, { kind: 'phone', value });
  /** Two transactions hold their own connection each, and the second's insert waits for the first's commit. */
  async function onPostgres(): Promise<void> {
    const driver = t.database.driver;
    if (driver.kind !== 'postgres') throw new Error('PostgreSQL only');
    const first = await driver.pool.connect();
    const second = await driver.pool.connect();
    try {
      const insert = `insert into contact_points (debtor_id, id, kind, value, status, is_primary, source_kind, source_at, valid_from)
                      values ($1, $2, 'phone', $3, 'unverified', false, 'creditor_file', now(), now())`;
      await first.query('begin');
      await second.query('begin');
      await first.query(insert, [carla.id, newId(), '+33612340011']);
      // The second waits on the debtor's row, which the first holds until it commits.
      const secondInsert = second.query(insert, [carla.id, newId(), '+33612340012']);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('commit');
      await secondInsert;
      await second.query('commit');
    } finally {
      first.release();
      second.release();
    }
  }
  /** One connection: the unit of work runs the two transactions one after the other. */
  async function onEmbedded(): Promise<void> {
    await Promise.all(['+33612340011', '+33612340012'].map((value) => t.database.db.transaction(async (tx) => {
      await tx.insert(contactPoints).values(carlaPhone(value));
    })));
  }
  it(kind === 'postgres'
    ? 'counts both points when two transactions add one each to the same debtor at once'
    : 'counts both points when two transactions add one each to the same debtor (the embedded database runs them in turn)', async () => {
    await t.database.db.insert(debtors).values(carla);
    await (kind === 'postgres' ? onPostgres() : onEmbedded());
    expect((await keptPoints(carla.id!)).map((p) => p[2]).sort()).toEqual(['+33612340011', '+33612340012']);
    expect((await drift()).differing).toEqual([]);
  });
});
