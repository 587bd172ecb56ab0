/**
 * One way to open the database: PostgreSQL when a connection string is given, otherwise the embedded
 * PGlite (PostgreSQL compiled to WebAssembly) in a data directory. Both return the same Drizzle API and
 * the same JavaScript types: int8 as a number (money is integer cents), date as a 'YYYY-MM-DD' string,
 * timestamptz as a Date. Migrations in ./migrations are applied on open.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type AppDb = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle offers the same query API as the database. */
export type DbExecutor = Pick<AppDb, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'query' | 'transaction'>;

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly lock?: boolean };

export interface Database {
  readonly kind: 'postgres' | 'embedded';
  readonly db: AppDb;
  /** The underlying driver, for the few paths that need it (COPY, job queue). */
  readonly driver: { readonly kind: 'postgres'; readonly pool: pg.Pool } | { readonly kind: 'embedded'; readonly pglite: PGlite };
  /** Human-readable location without credentials, for logs. */
  readonly description: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function parseInt8(value: string): number {
  const parsed = Number(value);
  // int8 holds cents, counts and sequence numbers; beyond 2^53 a JS number would silently round.
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return parsed;
}

const keepAsString = (value: string) => value;

// Drizzle's node-postgres driver sets per-query type parsers for dates and times and falls back to
// the global pg registry for everything else, so int8 and date must be registered there.
pg.types.setTypeParser(pg.types.builtins.INT8, parseInt8);
pg.types.setTypeParser(pg.types.builtins.DATE, keepAsString);

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.poolSize ?? 10) : openEmbedded(target.dataDir, target.lock ?? true);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzlePg(pool, { schema }) as unknown as AppDb;
  await migratePostgresWithLock(pool);
  const safe = new URL(url);
  return {
    kind: 'postgres',
    db,
    driver: { kind: 'postgres', pool },
    description: `PostgreSQL ${safe.host}${safe.pathname}`,
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await pool.end();
    },
  };
}

/** Several processes may boot at once on PostgreSQL: one applies the migrations, the others wait. */
async function migratePostgresWithLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext('amiable.migrations'))");
    try {
      await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock(hashtext('amiable.migrations'))");
    }
  } finally {
    client.release();
  }
}

async function openEmbedded(dataDir: string, lock: boolean): Promise<Database> {
  const heldLock: DataDirLock | null = lock ? acquireDataDirLock(dataDir) : null;
  try {
    const pglite = await PGlite.create({
      dataDir: path.join(dataDir, 'pg'),
      parsers: { [pgliteTypes.INT8]: parseInt8, [pgliteTypes.DATE]: keepAsString },
    });
    const db = drizzlePglite(pglite, { schema }) as unknown as AppDb;
    await migratePglite(drizzlePglite(pglite, { schema }), { migrationsFolder });
    return {
      kind: 'embedded',
      db,
      driver: { kind: 'embedded', pglite },
      description: `embedded PGlite in ${dataDir}`,
      async ping() {
        await db.execute(sql`select 1`);
      },
      async close() {
        try {
          await pglite.close();
        } finally {
          heldLock?.release();
        }
      },
    };
  } catch (error) {
    heldLock?.release();
    throw error;
  }
}

/** Raw SQL with typed rows; both drivers return `{ rows }`. Timestamps come back as text in raw queries. */
export async function queryRows<T extends Record<string, unknown>>(executor: Pick<AppDb, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** What `PgDatabase` and `PgTransaction` both hold, and drizzle's own `execute` uses. */
interface DrizzleInternals {
  readonly dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  readonly session: {
    prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(values?: Record<string, unknown>): Promise<unknown> };
  };
}

/** A statement's name from its text: the same text always gets the same name (node-postgres refuses one name for two texts). */
const statementName = (text: string) => `amiable_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;

/** Statements of `shapedRows` built once per shape: their text, parameters (placeholders) and name. */
const shapedStatements = new Map<string, { sql: string; params: unknown[]; name: string }>();

/**
 * `queryRows` as a named prepared statement, its text built once per shape. On PostgreSQL each pool
 * connection parses the statement once and then only binds and executes it (PostgreSQL also keeps its
 * generic plan once it has settled on one), instead of parsing and planning the text on every request.
 * For the hot read paths of every page (the session, the case file, the worklist), whose texts depend only
 * on `shape` — a text built with a varying number of parameters would leave one prepared statement per
 * variant on every connection. Every value is a `sql.placeholder(name)` filled from `values`, so the text is
 * built (drizzle's SQL tree walked, the name hashed) once per shape instead of on every request: on the
 * worklist's statement that walk was ~5 % of the server's CPU per page (docs/scale.md). `build` must give
 * the same text for the same shape. PGlite ignores the name (it runs the same text). Behind PgBouncer in
 * transaction mode named statements need PgBouncer ≥ 1.21 with `max_prepared_statements` set (docs/deploy.md).
 */
export async function shapedRows<T extends Record<string, unknown>>(
  executor: Pick<AppDb, 'execute'>, shape: string, build: () => SQL, values: Record<string, unknown>,
): Promise<T[]> {
  const { dialect, session } = executor as unknown as DrizzleInternals;
  let built = shapedStatements.get(shape);
  if (built === undefined) {
    const query = dialect.sqlToQuery(build());
    built = { ...query, name: statementName(query.sql) };
    if (shapedStatements.size < 1_000) shapedStatements.set(shape, built);
  }
  const result = (await session.prepareQuery(built, undefined, built.name, false).execute(values)) as { rows: T[] };
  return result.rows;
}

/**
 * A parameter of a named statement that the planner cannot look at, even in a custom plan (a one-row
 * sub-select): the statement's custom plans then cost what its generic plan costs, and PostgreSQL keeps
 * the generic plan after five executions instead of planning the statement again on every execution.
 * For statements whose best plan does not depend on the values (index walks by key, a LIMIT of a page):
 * the worklist's one statement, with its union and sub-selects, was planned on every page otherwise —
 * its generic plan cost more than the custom ones, which knew the LIMIT and the instants — 2 to 10 ms
 * of planning under load against 1 to 2 ms of execution (docs/scale.md).
 */
export function opaque(value: string | number | null | Placeholder, type: 'uuid' | 'int' | 'timestamptz'): SQL {
  return sql`(select ${value}::${sql.raw(type)})`;
}

const uuidPattern = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * A uuid[] parameter as an array literal ('{…}'), for `= any(…::uuid[])`: one parameter, any length.
 * A value that is not a uuid cannot name a row: it is left out rather than allowed to shape the literal.
 */
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.filter((id) => uuidPattern.test(id)).join(',')}}`;
}
