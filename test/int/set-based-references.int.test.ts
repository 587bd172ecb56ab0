/**
 * contact_points.debtor_id → debtors(id), cases.creditor_id → creditors(id) and case_events (creditor_id,
 * case_id) → cases (creditor_id, id) are enforced by statement triggers (migrations 0012, 0013, 0016)
 * instead of per-row FOREIGN KEYs: the same guarantees, on both databases — no contact point without
 * its debtor, no case without its creditor, no event without its case (INSERT, COPY, UPDATE), no
 * debtor, creditor or case deleted or re-keyed while a row names it.
 */
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/adapters/db/ids.ts';
import { withRawTransaction } from '../../src/adapters/db/raw-session.ts';
import { buildCase, buildContactPoint, buildCreditor, buildDebtor } from '../../src/adapters/db/seed/factories.ts';
import { caseEvents, cases, contactPoints, creditors, debtors } from '../../src/adapters/db/schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { testDbKind } from '../support/test-db-target.ts';

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
    const deletion = await failure(() => t.database.db.delete(debtors).where(eq(debtors.id, held.id!)));
    expect(deletion?.code).toBe('23503');
    expect(deletion?.message).toContain('"contact_points"');
    expect((await failure(() => t.database.db.update(debtors).set({ id: newId() }).where(eq(debtors.id, held.id!))))?.code).toBe('23503');
    expect(await t.database.db.select({ id: debtors.id }).from(debtors).where(eq(debtors.id, held.id!))).toEqual([{ id: held.id }]);

    const free = buildDebtor();
    await t.database.db.insert(debtors).values(free);
    expect(await failure(() => t.database.db.delete(debtors).where(eq(debtors.id, free.id!)))).toBeNull();
    expect(await t.database.db.select().from(debtors).where(eq(debtors.id, free.id!))).toEqual([]);
  });
});

describe('a case names an existing creditor', () => {
  it('accepts a case of an existing creditor; refuses one naming no creditor, by INSERT or COPY, and writes nothing', async () => {
    const creditor = buildCreditor();
    await t.database.db.insert(creditors).values(creditor);
    const debtor = buildDebtor();
    await t.database.db.insert(debtors).values(debtor);
    await t.database.db.insert(cases).values(buildCase(creditor.id!, debtor.id!));

    const ghost = newId();
    const insert = await failure(() => t.database.db.insert(cases).values(buildCase(ghost, debtor.id!)));
    expect(insert?.code).toBe('23503');
    expect(insert?.message).toContain('creditors');
    const copy = await failure(() => withRawTransaction(t.database, (session) => session.copyIn('cases',
      ['creditor_id', 'id', 'debtor_id', 'creditor_reference', 'category', 'debtor_type', 'principal_cents', 'due_date', 'status', 'opened_at'],
      [creditor.id!, ghost].map((creditorId, i) =>
        [creditorId, newId(), debtor.id!, `COPY-${i}`, 'telecom', 'consumer', '1000', '2026-01-01', 'notice_pending', '2026-01-02T00:00:00Z'].join('\t') + '\n').join(''))));
    expect(copy?.code).toBe('23503');
    expect(await t.database.db.select({ id: cases.id }).from(cases).where(eq(cases.debtorId, debtor.id!))).toHaveLength(1);
    const [kase] = await t.database.db.select().from(cases).where(eq(cases.debtorId, debtor.id!));
    expect((await failure(() => t.database.db.update(cases).set({ creditorId: ghost }).where(eq(cases.id, kase!.id))))?.code).toBe('23503');
  });

  it('refuses deleting or re-keying a creditor that has cases; one without cases can go', async () => {
    const [kase] = await t.database.db.select().from(cases).limit(1);
    const deletion = await failure(() => t.database.db.delete(creditors).where(eq(creditors.id, kase!.creditorId)));
    expect(deletion?.code).toBe('23503');
    expect(deletion?.message).toContain('"cases"');
    expect((await failure(() => t.database.db.update(creditors).set({ id: newId() }).where(eq(creditors.id, kase!.creditorId))))?.code).toBe('23503');
    const free = buildCreditor();
    await t.database.db.insert(creditors).values(free);
    expect(await failure(() => t.database.db.delete(creditors).where(eq(creditors.id, free.id!)))).toBeNull();
  });
});

describe('a case event names an existing case of its creditor', () => {
  const event = (creditorId: string, caseId: string) => ({ creditorId, id: newId(), caseId, at: new Date('2026-11-01T00:00:00Z'), type: 'test.noted', actorKind: 'system' as const });
  const copyEvent = (creditorId: string, caseId: string) => [creditorId, newId(), caseId, '2026-11-01T00:00:00Z', 'test.noted', 'system', '{}'].join('\t') + '\n';
  const eventColumns = ['creditor_id', 'id', 'case_id', 'at', 'type', 'actor_kind', 'data'];
  async function newCase() {
    const creditor = buildCreditor();
    await t.database.db.insert(creditors).values(creditor);
    const debtor = buildDebtor();
    await t.database.db.insert(debtors).values(debtor);
    const kase = buildCase(creditor.id!, debtor.id!);
    await t.database.db.insert(cases).values(kase);
    return { creditorId: creditor.id!, caseId: kase.id! };
  }
  const eventsOf = (caseId: string) => t.database.db.select({ id: caseEvents.id }).from(caseEvents).where(eq(caseEvents.caseId, caseId));

  it('accepts events of existing cases; refuses, by INSERT or COPY, one naming no case or the case under another creditor, and writes nothing', async () => {
    const { creditorId, caseId } = await newCase();
    await t.database.db.insert(caseEvents).values([event(creditorId, caseId), event(creditorId, caseId)]);
    const created = buildCase(creditorId, (await t.database.db.select({ debtorId: cases.debtorId }).from(cases).where(eq(cases.id, caseId)))[0]!.debtorId);
    await withRawTransaction(t.database, async (session) => {
      await session.query('insert into cases (creditor_id, id, debtor_id, creditor_reference, category, debtor_type, principal_cents, due_date, status, opened_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
        [creditorId, created.id, created.debtorId, 'SAME-TX', 'telecom', 'consumer', 1000, '2026-01-01', 'notice_pending', '2026-01-02T00:00:00Z']);
      await session.copyIn('case_events', eventColumns, copyEvent(creditorId, created.id!) + copyEvent(creditorId, caseId));
    });
    expect(await eventsOf(created.id!)).toHaveLength(1);

    const other = await newCase();
    const elsewhere = await failure(() => t.database.db.insert(caseEvents).values(event(other.creditorId, caseId)));
    expect(elsewhere?.code).toBe('23503');
    expect(elsewhere?.message).toContain('cases');
    expect((await failure(() => t.database.db.insert(caseEvents).values(event(creditorId, newId()))))?.code).toBe('23503');
    const copy = await failure(() => withRawTransaction(t.database, (session) => session.copyIn('case_events', eventColumns, copyEvent(creditorId, caseId) + copyEvent(creditorId, newId()))));
    expect(copy?.code).toBe('23503');
    expect(await eventsOf(caseId)).toHaveLength(3);
    const [one] = await eventsOf(caseId);
    expect((await failure(() => t.database.db.update(caseEvents).set({ caseId: other.caseId }).where(eq(caseEvents.id, one!.id))))?.code).toBe('23503');
  });

  it('refuses deleting or re-keying a case that has events; a case without events can go', async () => {
    const { creditorId, caseId } = await newCase();
    await t.database.db.insert(caseEvents).values(event(creditorId, caseId));
    const deletion = await failure(() => t.database.db.delete(cases).where(eq(cases.id, caseId)));
    expect(deletion?.code).toBe('23503');
    expect(deletion?.message).toContain('"case_events"');
    expect((await failure(() => t.database.db.update(cases).set({ id: newId() }).where(eq(cases.id, caseId))))?.code).toBe('23503');
    expect(await t.database.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId))).toEqual([{ id: caseId }]);
    const free = await newCase();
    expect(await failure(() => t.database.db.delete(cases).where(eq(cases.id, free.caseId)))).toBeNull();
  });
});

describe(`concurrent writers on the ${testDbKind()} database`, () => {
  /** Waits until the backend `pid` is blocked on a lock (read from pg_stat_activity, not timed). */
  async function blockedOnLock(observer: pg.Client, pid: number): Promise<void> {
    for (;;) {
      const { rows } = await observer.query<{ waiting: string | null }>('select wait_event_type as waiting from pg_stat_activity where pid = $1', [pid]);
      if (rows[0]?.waiting === 'Lock') return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it(testDbKind() === 'postgres'
    ? 'a debtor being given a contact point cannot be deleted meanwhile, and a contact point cannot name a debtor being deleted'
    : 'the embedded database has one session: writers take turns, and a deletion after a committed contact point is refused', async () => {
    const held = buildDebtor();
    const doomed = buildDebtor();
    await t.database.db.insert(debtors).values([held, doomed]);
    const insertPoint = (client: { query: (text: string, values: unknown[]) => Promise<unknown> }, debtorId: string) => client.query(
      "insert into contact_points (debtor_id, id, kind, value, source_kind, source_at, valid_from) values ($1, $2, 'email', $3, 'creditor_file', now(), now())",
      [debtorId, newId(), `${debtorId}@example.org`]);
    if (testDbKind() === 'embedded') {
      await insertPoint({ query: (text, values) => withRawTransaction(t.database, (session) => session.query(text, values)) }, held.id!);
      expect((await failure(() => t.database.db.delete(debtors).where(eq(debtors.id, held.id!))))?.code).toBe('23503');
      return;
    }
    const [first, second, observer] = [new pg.Client({ connectionString: t.env.DATABASE_URL }), new pg.Client({ connectionString: t.env.DATABASE_URL }), new pg.Client({ connectionString: t.env.DATABASE_URL })];
    await Promise.all([first.connect(), second.connect(), observer.connect()]);
    try {
      // Read before a client blocks: its queries queue behind the blocked one.
      const pidOf = async (client: pg.Client) => (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const [firstPid, secondPid] = [await pidOf(first), await pidOf(second)];
      // The contact point first: the deletion waits for it, then sees it and is refused.
      await first.query('begin');
      await insertPoint(first, held.id!);
      const deletion = second.query('delete from debtors where id = $1', [held.id]).then(() => null, (error: { code?: string }) => error.code);
      await blockedOnLock(observer, secondPid);
      await first.query('commit');
      expect(await deletion).toBe('23503');
      // The deletion first: the contact point waits for it, then finds no debtor and is refused.
      await second.query('begin');
      await second.query('delete from debtors where id = $1', [doomed.id]);
      const insertion = insertPoint(first, doomed.id!).then(() => null, (error: { code?: string }) => error.code);
      await blockedOnLock(observer, firstPid);
      await second.query('commit');
      expect(await insertion).toBe('23503');
      const { rows } = await observer.query('select d.id from debtors d where d.id = any($1::uuid[])', [[held.id, doomed.id]]);
      expect(rows).toEqual([{ id: held.id }]);
      expect((await observer.query('select 1 from contact_points where debtor_id = $1', [doomed.id])).rows).toEqual([]);
    } finally {
      await Promise.all([first.end(), second.end(), observer.end()]);
    }
  });
});
