/**
 * Graceful shutdown of `amiable serve` (a real process): on SIGTERM an upload in flight completes, new
 * connections are refused, the job workers stop, the database closes, the embedded data directory's
 * lock is released and the process exits 0.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../src/server/compose.ts';
import { freePort, spawnServer, waitForOk, type ServerProcess } from '../support/spawn-server.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

const kind = inject('testDb').kind;
let t: TestDatabase;
let server: ServerProcess;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.database.close();
  server = spawnServer({ ...t.env, LOG_LEVEL: 'info', AMIABLE_WORKERS: 'inline' }, await freePort());
  await waitForOk(`${server.url}/readyz`, 90_000, server);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await t?.destroy().catch(() => {});
});

async function logIn(): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'manager@demo.amiable.fr', password: 'demo-manager-2026' }),
  });
  const body = await response.json() as { csrfToken: string };
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf: body.csrfToken };
}

describe(`SIGTERM on amiable serve (${kind} database)`, () => {
  it('finishes the upload in flight, refuses new connections, stops the workers, releases the database and exits 0', async () => {
    const session = await logIn();
    const { items } = await (await fetch(`${server.url}/api/v1/creditors`, { headers: { cookie: session.cookie } })).json() as { items: { id: string }[] };
    const sample = fs.readFileSync(path.join(projectRoot, 'docs/samples/portfolio-sample.csv'));
    const half = sample.subarray(0, Math.floor(sample.length / 2));

    // An upload that is still sending its body when the signal arrives.
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${server.url}/api/v1/imports?creditorId=${items[0]!.id}&fileName=slow.csv`, {
        method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'text/csv', 'idempotency-key': 'slow-upload', 'content-length': String(sample.length) },
      }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      request.on('error', reject);
      request.write(half);
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(async () => {
          // While draining, the port no longer accepts new connections.
          const refused = await fetch(`${server.url}/healthz`).then(() => false, () => true);
          request.end(sample.subarray(half.length));
          resolve2(refused);
        }, 500);
      }, 300);
    });
    let resolve2!: (refused: boolean) => void;
    const newConnectionRefused = new Promise<boolean>((resolve) => (resolve2 = resolve));

    const answered = await response;
    expect(answered.status, answered.body).toBe(202);
    expect(await newConnectionRefused).toBe(true);
    expect(await server.exited).toBe(0);
    const output = server.output();
    expect(output).toContain('shutting down');
    expect(output).toContain('shut down cleanly');
    if (kind === 'embedded') expect(fs.existsSync(path.join(t.env.AMIABLE_DATA_DIR!, 'amiable.lock'))).toBe(false);
  }, 120_000);
});
