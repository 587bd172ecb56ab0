/** A fresh, migrated database for one test file, on the target chosen by AMIABLE_TEST_DB. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/open-database.ts';
import { adminPostgresUrl, postgresUrlFor } from './test-db-target.ts';

export interface TestDatabase {
  readonly database: Database;
  /** Connection target for a second process (e.g. a spawned server). */
  readonly env: Record<string, string>;
  destroy(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const { kind, template } = inject('testDb');
  if (kind === 'embedded') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-test-'));
    fs.cpSync(template, dataDir, { recursive: true });
    const database = await openDatabase({ kind: 'embedded', dataDir });
    return {
      database,
      env: { AMIABLE_DATA_DIR: dataDir },
      async destroy() {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  // The template's suffix is the run id, so global teardown drops every database this run made.
  const dbName = `amiable_t_${randomBytes(4).toString('hex')}_${template.replace('amiable_tpl_', '')}`;
  await adminQuery(`create database ${dbName} template ${template}`);
  const url = postgresUrlFor(dbName);
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  return {
    database,
    env: { DATABASE_URL: url },
    async destroy() {
      await database.close();
      await adminQuery(`drop database if exists ${dbName} with (force)`);
    },
  };
}

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminPostgresUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
