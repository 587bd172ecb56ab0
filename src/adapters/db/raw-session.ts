/**
 * Raw SQL with COPY, on both drivers, for the bulk paths (intake). Drizzle has no COPY, and a COPY
 * must run on the transaction's own connection: on PostgreSQL a pooled client with pg-copy-streams
 * (`COPY … FROM STDIN`), on PGlite `COPY … FROM '/dev/blob'` with the data as a Blob
 * (STACK_NOTES §3). Values are written in COPY's text format (`copyText`).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import pgCopyStreams from 'pg-copy-streams';
import type { Database } from './open-database.ts';

export interface RawSession {
  query<T extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Loads rows given in COPY text format (one line per row, see copyText; UTF-8 when bytes) into `table (columns)`. */
  copyIn(table: string, columns: readonly string[], data: string | Uint8Array): Promise<void>;
}

export async function withRawTransaction<T>(database: Database, work: (session: RawSession) => Promise<T>): Promise<T> {
  const driver = database.driver;
  if (driver.kind === 'embedded') {
    return driver.pglite.transaction(async (tx) => work({
      async query<R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
        return (await tx.query<R>(text, [...params])).rows;
      },
      async copyIn(table, columns, data) {
        if (data.length === 0) return;
        await tx.query(`copy ${table} (${columns.join(', ')}) from '/dev/blob'`, [], { blob: new Blob([data]) });
      },
    }));
  }
  const client = await driver.pool.connect();
  try {
    await client.query('begin');
    const result = await work({
      async query<R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
        return (await client.query<R>(text, [...params])).rows;
      },
      async copyIn(table, columns, data) {
        if (data.length === 0) return;
        const stream = client.query(pgCopyStreams.from(`copy ${table} (${columns.join(', ')}) from stdin`));
        await pipeline(Readable.from([data]), stream);
      },
    });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** One value in COPY text format: NULL as \N; backslash, tab, newline and carriage return escaped. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : value;
}

/** A PostgreSQL array literal of text values ('{"a","b"}'), to be passed through copyValue. */
export function textArrayLiteral(values: readonly string[] | null): string | null {
  if (values === null) return null;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * Rows → COPY text, UTF-8: columns separated by tabs, one row per line. Each line is written straight
 * into one growing buffer: concatenating the whole batch into a string and then encoding it made a
 * third of a bulk import's garbage (docs/import-format.md, "Performance").
 */
export function copyText(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): Buffer {
  let buffer = Buffer.allocUnsafe(1 << 16);
  let at = 0;
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : '\t') + copyValue(row[i]);
    line += '\n';
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (at + line.length * 3 > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, at + line.length * 3));
      buffer.copy(grown, 0, 0, at);
      buffer = grown;
    }
    at += buffer.write(line, at);
  }
  return buffer.subarray(0, at);
}

/** What a Drizzle transaction handle holds on either driver: the connection (or PGlite transaction) it runs on. */
interface DrizzleSessionClient {
  readonly session?: { readonly client?: unknown };
}

/**
 * COPY into `table (columns)` on the connection of a Drizzle transaction (`uow.run`'s executor), so the
 * rows are part of that transaction: a pg pool client on PostgreSQL, the transaction on PGlite. Only
 * inside a transaction: on the pool itself the COPY could land on any connection.
 */
export async function copyInTransaction(executor: unknown, table: string, columns: readonly string[], data: Uint8Array): Promise<void> {
  if (data.length === 0) return;
  const client = (executor as DrizzleSessionClient).session?.client;
  const statement = `copy ${table} (${columns.join(', ')})`;
  if (client instanceof pg.Pool || client === undefined || client === null) throw new Error('copyInTransaction needs a transaction');
  if (client instanceof pg.Client) {
    await pipeline(Readable.from([data]), client.query(pgCopyStreams.from(`${statement} from stdin`)));
    return;
  }
  const pglite = client as { query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>; transaction?: unknown };
  if (typeof pglite.transaction === 'function') throw new Error('copyInTransaction needs a transaction');
  await pglite.query(`${statement} from '/dev/blob'`, [], { blob: new Blob([data]) });
}
