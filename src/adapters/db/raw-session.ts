/**
 * Raw SQL with COPY, on both drivers, for the bulk paths (intake). Drizzle has no COPY, and a COPY
 * must run on the transaction's own connection: on PostgreSQL a pooled client with pg-copy-streams
 * (`COPY … FROM STDIN`), on PGlite `COPY … FROM '/dev/blob'` with the data as a Blob
 * (STACK_NOTES §3). Values are written in COPY's text format (`copyText`).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pgCopyStreams from 'pg-copy-streams';
import type { Database } from './open-database.ts';

export interface RawSession {
  query<T extends Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Loads rows given in COPY text format (one line per row, see copyText) into `table (columns)`. */
  copyIn(table: string, columns: readonly string[], data: string): Promise<void>;
}

export async function withRawTransaction<T>(database: Database, work: (session: RawSession) => Promise<T>): Promise<T> {
  const driver = database.driver;
  if (driver.kind === 'embedded') {
    return driver.pglite.transaction(async (tx) => work({
      async query<R extends Record<string, unknown>>(text: string, params: readonly unknown[] = []) {
        return (await tx.query<R>(text, [...params])).rows;
      },
      async copyIn(table, columns, data) {
        if (data === '') return;
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
        if (data === '') return;
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

/** Rows → COPY text: columns separated by tabs, one row per line. */
export function copyText(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  let out = '';
  for (const row of rows) {
    out += row.map(copyValue).join('\t');
    out += '\n';
  }
  return out;
}
