/**
 * Prepares one migrated template per run so that each test file gets a fresh, isolated database in
 * milliseconds: a copied PGlite directory, or `CREATE DATABASE … TEMPLATE` on PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import { adminPostgresUrl, postgresUrlFor, testDbKind } from './test-db-target.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = testDbKind();
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  if (kind === 'embedded') {
    const template = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-template-'));
    const database = await openDatabase({ kind: 'embedded', dataDir: template, lock: false });
    await database.close();
    project.provide('testDb', { kind, template });
    console.log(`[int] embedded database template ready in ${template}`);
    return async () => fs.rmSync(template, { recursive: true, force: true });
  }
  const admin = new pg.Client({ connectionString: adminPostgresUrl() });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${adminPostgresUrl()} (${(error as Error).message}). ` +
        'Start it (see .ci/run) or set AMIABLE_TEST_DATABASE_URL.',
    );
  }
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version;
  const template = `amiable_tpl_${runId}`;
  await admin.query(`create database ${template}`);
  const database = await openDatabase({ kind: 'postgres', url: postgresUrlFor(template), poolSize: 2 });
  await database.close();
  project.provide('testDb', { kind, template });
  console.log(`[int] PostgreSQL ${version} template database ${template} ready`);
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like $1", [`amiable_%_${runId}%`],
    );
    for (const { datname } of leftovers.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}
