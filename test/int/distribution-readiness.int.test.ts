/**
 * Citus cannot be installed here (STACK_NOTES §9), so this test checks what makes distribution
 * possible (ADR 0002, docs/deploy.md): every table is classified; a table distributed by `creditor_id`
 * has it in its primary key and in every unique index, and its foreign keys either include it (same
 * colocation group) or point to a reference table; no key crosses from one group to another.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/adapters/db/open-database.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

type Placement =
  | { kind: 'distributed'; column: string; group: 'creditor' | 'debtor' | 'lookup' }
  | { kind: 'reference' }
  | { kind: 'local' };

const creditorScoped: Placement = { kind: 'distributed', column: 'creditor_id', group: 'creditor' };

/** Where every table goes on a Citus cluster. A new table must be placed here, on purpose. */
export const placements: Record<string, Placement> = {
  // Small, read-mostly tables copied to every node.
  creditors: { kind: 'reference' },
  teams: { kind: 'reference' },
  users: { kind: 'reference' },
  sessions: { kind: 'reference' },
  // A few keys per creditor, looked up by prefix on every API call.
  api_keys: { kind: 'reference' },
  // One row per daily print batch, spanning creditors.
  letter_batches: { kind: 'reference' },
  // The development catcher of e-mails and SMS: never used with real providers.
  caught_messages: { kind: 'local' },
  // Globally unique codes, keyed by the code itself (a lookup table).
  code_registry: { kind: 'distributed', column: 'code', group: 'lookup' },
  // One hash chain: it stays on the coordinator.
  audit_log: { kind: 'local' },
  audit_head: { kind: 'local' },
  // Debtors are shared across creditors: their own colocation group.
  debtors: { kind: 'distributed', column: 'id', group: 'debtor' },
  contact_points: { kind: 'distributed', column: 'debtor_id', group: 'debtor' },
  // Back office (issue #6): a handful of assignment rules for the whole agency (creditor_id is a filter).
  assignment_rules: { kind: 'reference' },
  // ── payments (issue #7) ──
  // The agency's own collection account: one file and its entries carry money for many creditors, so
  // they stay on the coordinator; a matched entry is booked as a creditor-scoped `payments` row.
  bank_imports: { kind: 'local' },
  bank_transactions: { kind: 'local' },
  // ── Debtor portal (issue #8) ──
  // Looked up by the hash of a cookie token or of a typed case reference, without the creditor.
  portal_sessions: { kind: 'distributed', column: 'id', group: 'lookup' },
  portal_login_failures: { kind: 'distributed', column: 'key', group: 'lookup' },
  // The debtor's contact preferences: with the debtor.
  debtor_preferences: { kind: 'distributed', column: 'debtor_id', group: 'debtor' },
  // rights_requests carries creditor_id: creditor-scoped by default.
  // Creditor API (issue #7): idempotency keys belong to a principal (API key or user), looked up by it.
  // Webhook and remittance tables carry creditor_id and are creditor-scoped by default.
  idempotency_keys: { kind: 'distributed', column: 'principal', group: 'lookup' },
  // ── scale (issue #9) ── One header row per plan date (its entries are creditor-scoped).
  daily_plans: { kind: 'reference' },
};

let t: TestDatabase;
let tables: string[];
beforeAll(async () => {
  t = await createTestDatabase();
  tables = (await queryRows<{ table_name: string }>(t.database.db, sql`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).map((r) => r.table_name);
});
afterAll(async () => t?.destroy());

function placementOf(table: string, columns: string[]): Placement | undefined {
  // Every table carrying creditor_id that is not placed explicitly is creditor-scoped.
  return placements[table] ?? (columns.includes('creditor_id') ? creditorScoped : undefined);
}

async function columnsOf(table: string): Promise<string[]> {
  return (await queryRows<{ column_name: string }>(t.database.db, sql`
    select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table}`)).map((r) => r.column_name);
}

/** Primary key and unique indexes with their columns. */
async function uniqueKeysOf(table: string): Promise<{ name: string; columns: string[] }[]> {
  const rows = await queryRows<{ name: string; columns: string }>(t.database.db, sql`
    select i.relname as name, string_agg(a.attname, ',' order by k.ord) as columns
      from pg_index x
      join pg_class c on c.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral unnest(x.indkey) with ordinality as k(attnum, ord)
      left join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
     where n.nspname = 'public' and c.relname = ${table} and x.indisunique
     group by i.relname`);
  return rows.map((r) => ({ name: r.name, columns: (r.columns ?? '').split(',') }));
}

async function foreignKeysOf(table: string): Promise<{ name: string; columns: string[]; target: string; targetColumns: string[] }[]> {
  const rows = await queryRows<{ name: string; columns: string; target: string; target_columns: string }>(t.database.db, sql`
    select con.conname as name, tgt.relname as target,
           (select string_agg(a.attname, ',' order by k.ord) from unnest(con.conkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns,
           (select string_agg(a.attname, ',' order by k.ord) from unnest(con.confkey) with ordinality k(attnum, ord)
              join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum) as target_columns
      from pg_constraint con
      join pg_class src on src.oid = con.conrelid
      join pg_class tgt on tgt.oid = con.confrelid
      join pg_namespace n on n.oid = src.relnamespace
     where n.nspname = 'public' and con.contype = 'f' and src.relname = ${table}`);
  return rows.map((r) => ({ name: r.name, columns: r.columns.split(','), target: r.target, targetColumns: r.target_columns.split(',') }));
}

describe('distribution readiness (Citus)', () => {
  it('places every table', async () => {
    const unplaced: string[] = [];
    for (const table of tables) if (!placementOf(table, await columnsOf(table))) unplaced.push(table);
    expect(unplaced).toEqual([]);
  });

  it('keys every distributed table by its distribution column (primary key and every unique index)', async () => {
    const problems: string[] = [];
    for (const table of tables) {
      const placement = placementOf(table, await columnsOf(table));
      if (placement?.kind !== 'distributed') continue;
      for (const key of await uniqueKeysOf(table)) {
        if (!key.columns.includes(placement.column)) problems.push(`${table}.${key.name} (${key.columns.join(', ')}) lacks ${placement.column}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no foreign key across shards', async () => {
    const problems: string[] = [];
    for (const table of tables) {
      const source = placementOf(table, await columnsOf(table));
      for (const fk of await foreignKeysOf(table)) {
        const target = placementOf(fk.target, await columnsOf(fk.target));
        if (!source || !target) continue;
        if (target.kind === 'reference' || source.kind === 'local') continue;
        if (source.kind === 'reference') {
          problems.push(`${table} (reference) → ${fk.target} (${target.kind})`);
          continue;
        }
        if (target.kind !== 'distributed' || target.group !== source.group) {
          problems.push(`${table}.${fk.name} → ${fk.target}: different colocation groups`);
          continue;
        }
        const at = fk.columns.indexOf(source.column);
        if (at < 0 || fk.targetColumns[at] !== target.column) problems.push(`${table}.${fk.name} → ${fk.target} does not join on ${source.column}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
