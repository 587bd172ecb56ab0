/**
 * A full disk during an upload: the upload directory is a real 256 KiB tmpfs (mounted for the test),
 * so the write fails with ENOSPC as it would on a full volume. The client gets a clear 507 problem,
 * no partial file is left, no import is recorded; once there is room, the same upload goes through.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/adapters/db/ids.ts';
import { openDatabase, type Database } from '../../src/adapters/db/open-database.ts';
import { imports } from '../../src/adapters/db/schema.ts';
import { insertCaseWithParties } from '../../src/adapters/db/seed/factories.ts';
import { DrizzleUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import type { AppInstance } from '../../src/adapters/http/app.ts';
import { CryptoSecrets } from '../../src/adapters/security/crypto.secrets.ts';
import { systemClock } from '../../src/adapters/system.clock.ts';
import { createApiKey } from '../../src/application/api-keys/api-keys.ts';
import { composeApp, projectRoot } from '../../src/server/compose.ts';
import { loadConfig } from '../../src/server/config.ts';

let dataDir: string;
let uploadDir: string;
let database: Database;
let app: AppInstance;
let apiKey: string;
let creditorId: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-diskfull-db-'));
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-diskfull-up-'));
  // A tiny filesystem of its own: root is needed to mount it (CI runs as root, .ci/run).
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', uploadDir]);
  database = await openDatabase({ kind: 'embedded', dataDir });
  const config = loadConfig({ NODE_ENV: 'test', AMIABLE_DATA_DIR: dataDir, AMIABLE_UPLOAD_DIR: uploadDir });
  app = await composeApp({ config, database, serveWeb: false, logger: pino({ level: 'silent' }) });
  await app.ready();
  const { creditor } = await insertCaseWithParties(database.db);
  creditorId = creditor.id!;
  ({ key: apiKey } = await new DrizzleUnitOfWork(database.db).run((repos) => createApiKey(
    { apiKeys: repos.apiKeys, secrets: new CryptoSecrets(), clock: systemClock, newId }, { creditorId, name: 'disk full', scopes: ['imports:write', 'imports:read'] },
  )));
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
  try {
    execFileSync('umount', [uploadDir]);
  } catch {
    // not mounted
  }
  fs.rmSync(uploadDir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sample = fs.readFileSync(path.join(projectRoot, 'docs/samples/portfolio-sample.csv'), 'utf8');
const [header, ...rows] = sample.trimEnd().split('\n');

/** A valid portfolio of about `bytes` bytes (the sample's rows repeated under new references). */
function portfolio(bytes: number): string {
  const lines = [header!];
  let size = header!.length;
  for (let i = 0; size < bytes; i++) {
    const line = rows[i % rows.length]!.replace(/^HT-2026-\d+/, `BIG-${String(i).padStart(7, '0')}`);
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

const upload = (body: string, key: string) => app.inject({
  method: 'POST', url: `/api/v1/imports?fileName=${key}.csv`, payload: body,
  headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv', 'idempotency-key': key },
});

describe('a full disk during an upload', () => {
  it('answers 507 insufficient_storage, leaves no partial file and records no import', async () => {
    const response = await upload(portfolio(1024 * 1024), 'too-big-for-the-disk');
    expect(response.statusCode).toBe(507);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'insufficient_storage', status: 507, detail: expect.stringMatching(/disk is full/) });
    expect(fs.readdirSync(uploadDir)).toEqual([]);
    expect(await database.db.select().from(imports)).toHaveLength(0);
  });

  it('takes the upload once there is room again (the same key is not burnt)', async () => {
    const response = await upload(portfolio(32 * 1024), 'too-big-for-the-disk');
    expect([200, 202]).toContain(response.statusCode);
    const { id } = response.json() as { id: string };
    const started = Date.now();
    for (;;) {
      const state = (await app.inject({ url: `/api/v1/imports/${id}`, headers: { authorization: `Bearer ${apiKey}` } })).json() as { status: string; counts: { created: number } };
      if (state.status === 'completed') {
        expect(state.counts.created).toBeGreaterThan(0);
        break;
      }
      if (Date.now() - started > 60_000) throw new Error(`import still ${state.status}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // The spooled file is removed once the import has finished with it.
    while (fs.readdirSync(uploadDir).length > 0) {
      if (Date.now() - started > 60_000) throw new Error('the spooled upload was not removed');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fs.readdirSync(uploadDir)).toEqual([]);
  });
});
