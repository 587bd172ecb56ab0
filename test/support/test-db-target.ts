/**
 * Which database the integration tests run against: `AMIABLE_TEST_DB=embedded` (PGlite, default) or
 * `AMIABLE_TEST_DB=postgres` (a real server: AMIABLE_TEST_DATABASE_URL, else DATABASE_URL, else the
 * local server at 127.0.0.1:5432, database `test`). scripts/test.mjs runs the suite once per target.
 */
export type TestDbKind = 'embedded' | 'postgres';

export function testDbKind(): TestDbKind {
  const raw = process.env.AMIABLE_TEST_DB ?? 'embedded';
  if (raw !== 'embedded' && raw !== 'postgres') throw new Error(`AMIABLE_TEST_DB must be embedded or postgres, got ${raw}`);
  return raw;
}

export function adminPostgresUrl(): string {
  return process.env.AMIABLE_TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
}

/** The same server and credentials, another database name. */
export function postgresUrlFor(database: string): string {
  const url = new URL(adminPostgresUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

export interface ProvidedTestDb {
  kind: TestDbKind;
  /** embedded: a migrated data directory to copy; postgres: a migrated template database name. */
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: ProvidedTestDb;
  }
}
