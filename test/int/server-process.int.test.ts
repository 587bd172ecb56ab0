/**
 * The server as a process: the README's `npm start` path. On the embedded database a second process
 * on the same data directory must be refused while the first keeps serving; on PostgreSQL several
 * processes share one database by design.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { freePort, spawnServer, waitForOk, type ServerProcess } from '../support/spawn-server.ts';

const kind = inject('testDb').kind;
let t: TestDatabase;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  // The spawned server opens the database itself: release this process's handle (and the embedded lock).
  await t.database.close();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await t?.destroy().catch(() => {});
});

async function logInAsDemoAgent(url: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'agent@demo.amiable.fr', password: 'demo-agent-2026' }),
  });
  return response.status;
}

describe(`amiable serve on the ${kind} database`, () => {
  it('answers /healthz within 90 s, seeds the demo logins and lists them', async () => {
    const first = spawnServer(t.env, await freePort());
    servers.push(first);
    const elapsed = await waitForOk(`${first.url}/healthz`, 90_000, first);
    expect(elapsed).toBeLessThan(90_000);
    await waitForOk(`${first.url}/readyz`, 10_000, first);
    expect(first.output()).toContain(`Amiable listening on http://127.0.0.1:${first.port}`);
    expect(first.output()).toContain('agent@demo.amiable.fr');
    expect(await logInAsDemoAgent(first.url)).toBe(200);
  }, 120_000);

  it(kind === 'embedded'
    ? 'refuses a second process on the same data directory; the first keeps serving'
    : 'lets a second process share the PostgreSQL database', async () => {
    const first = servers[0]!;
    const second = spawnServer(t.env, await freePort());
    servers.push(second);
    if (kind === 'embedded') {
      expect(await second.exited).not.toBe(0);
      expect(second.output()).toMatch(/already in use by process \d+/);
    } else {
      await waitForOk(`${second.url}/readyz`, 60_000, second);
      expect(await logInAsDemoAgent(second.url)).toBe(200);
      // The demo data was seeded once, not twice.
      expect(second.output()).not.toContain('demo data seeded');
    }
    await waitForOk(`${first.url}/readyz`, 5_000, first);
    expect(await logInAsDemoAgent(first.url)).toBe(200);
  }, 120_000);
});

describe('configuration errors', () => {
  it('exits non-zero with a readable message listing every bad variable', async () => {
    const bad = spawnServer({ ...t.env, PORT: 'abc', LOG_LEVEL: 'loud' }, 0);
    servers.push(bad);
    const code = await bad.exited;
    expect(code).not.toBe(0);
    expect(bad.output()).toContain('Invalid configuration');
    expect(bad.output()).toContain('PORT must be a whole number, got "abc"');
    expect(bad.output()).toContain('LOG_LEVEL must be one of');
  }, 60_000);
});
