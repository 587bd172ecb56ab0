import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, creditors, debtors } from '../../src/adapters/db/schema.ts';
import { newId } from '../../src/adapters/db/ids.ts';
import { queryRows } from '../../src/adapters/db/open-database.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe('storage on the embedded database and PostgreSQL', () => {
  it('returns money as integer numbers and civil dates as YYYY-MM-DD strings on both drivers', async () => {
    const { db } = t.database;
    const creditorId = newId();
    const debtorId = newId();
    const caseId = newId();
    await db.insert(creditors).values({
      id: creditorId, name: 'Telco', legalName: 'Telco SA', addressLine1: '1 rue de la Paix', postcode: '75002', city: 'Paris',
    });
    await db.insert(debtors).values({ id: debtorId, lastName: 'Martin', birthDate: '1980-02-29' });
    // 2^53 - 1 cents: the largest amount a JS number holds exactly.
    await db.insert(cases).values({
      creditorId, id: caseId, debtorId, creditorReference: 'R-1', category: 'telecom', debtorType: 'consumer',
      principalCents: Number.MAX_SAFE_INTEGER, interestCents: 1, dueDate: '2025-03-01', status: 'active', openedAt: new Date('2026-01-01T00:00:00Z'),
    });
    const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
    expect(row?.principalCents).toBe(Number.MAX_SAFE_INTEGER);
    expect(typeof row?.interestCents).toBe('number');
    expect(row?.dueDate).toBe('2025-03-01');
    expect(row?.openedAt).toBeInstanceOf(Date);
    expect(row?.openedAt.toISOString()).toBe('2026-01-01T00:00:00.000Z');

    // Raw SQL goes through the same type parsers.
    const raw = await queryRows(db, sql`select principal_cents, due_date, principal_cents + interest_cents - 1 as total from cases where id = ${caseId}`);
    expect(raw[0]).toEqual({ principal_cents: Number.MAX_SAFE_INTEGER, due_date: '2025-03-01', total: Number.MAX_SAFE_INTEGER });
    const [debtor] = await db.select().from(debtors).where(eq(debtors.id, debtorId));
    expect(debtor?.birthDate).toBe('1980-02-29');
  });

  it('refuses an int8 beyond the safe integer range instead of rounding it', async () => {
    await expect(t.database.db.execute(sql`select 9007199254740993::int8 as too_big`)).rejects.toSatisfy((error: Error) => /safe integer/.test(String((error.cause as Error | undefined)?.message ?? error.message)));
  });

  it('enforces the closed set of case states and non-negative amounts', async () => {
    const { db } = t.database;
    const [creditor] = await db.select().from(creditors).limit(1);
    const base = {
      creditorId: creditor!.id, debtorId: newId(), category: 'energy' as const, debtorType: 'consumer' as const,
      principalCents: 100, dueDate: '2025-01-01', openedAt: new Date(),
    };
    await expect(db.execute(sql`insert into cases (creditor_id, id, debtor_id, creditor_reference, category, debtor_type, principal_cents, due_date, status, opened_at)
      values (${base.creditorId}, ${newId()}, ${base.debtorId}, 'bad-status', 'energy', 'consumer', 100, '2025-01-01', 'open', now())`)).rejects.toThrow();
    await expect(db.insert(cases).values({ ...base, id: newId(), creditorReference: 'neg', status: 'active', principalCents: -1 })).rejects.toThrow();
  });
});
