/**
 * The server as a process: the README's `npm start` path. On the embedded database a second process
 * on the same data directory must be refused while the first keeps serving; on PostgreSQL several
 * processes share one database by design.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
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

/** GET on a connection of its own (no keep-alive), resolving with the status. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

/** The pids of a process's children (Linux: /proc/<pid>/task/<tid>/children). */
function childPids(pid: number): number[] {
  const tasks = readdirSync(`/proc/${pid}/task`);
  return tasks.flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
}

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('AMIABLE_API_PROCESSES=2', () => {
  const onPostgres = async () => {
    const token = 'cluster-metrics-token-0123456789';
    const server = spawnServer({ ...t.env, AMIABLE_API_PROCESSES: '2', METRICS_TOKEN: token }, await freePort());
    servers.push(server);
    const primary = server.child.pid!;
    const workers = await until('two API processes', 240_000, () => {
      if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output()}`);
      const pids = childPids(primary);
      return pids.length === 2 ? pids : undefined;
    });
    await waitForOk(`${server.url}/readyz`, 60_000, server);
    expect(await logInAsDemoAgent(server.url)).toBe(200);
    // Both processes answer on the same port: the primary hands each new connection to the next one,
    // so a hundred connections make both spend CPU time (/proc/<pid>/stat: utime + stime, in ticks).
    const cpuTicks = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).reduce((sum, v) => sum + Number(v), 0);
    const ticksBefore = workers.map(cpuTicks);
    for (let i = 0; i < 200; i++) expect(await getOnNewConnection(`${server.url}/api/v1/auth/session`)).toBe(401);
    const spent = workers.map((pid, i) => cpuTicks(pid) - ticksBefore[i]!);
    expect(Math.min(...spent), `CPU ticks per process: ${spent.join(', ')}`).toBeGreaterThan(0);

    // One dies: the primary starts another, and the port keeps answering.
    process.kill(workers[0]!, 'SIGKILL');
    const replaced = await until('a replacement process', 30_000, () => {
      const pids = childPids(primary);
      return pids.length === 2 && !pids.includes(workers[0]!) ? pids : undefined;
    });
    expect(replaced).toContain(workers[1]);
    await waitForOk(`${server.url}/readyz`, 60_000, server);

    // /metrics on either process counts the requests of both.
    const requestsCounted = async (): Promise<number> => {
      const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
      return [...text.matchAll(/^amiable_http_requests_total\{[^}]*route="\/healthz"[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    const before = await requestsCounted();
    for (let i = 0; i < 20; i++) expect(await getOnNewConnection(`${server.url}/healthz`)).toBe(200);
    expect(await requestsCounted()).toBe(before + 20);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    for (const pid of replaced) expect(() => process.kill(pid, 0)).toThrow();
  };
  const onEmbedded = async () => {
    const bad = spawnServer({ ...t.env, AMIABLE_API_PROCESSES: '2' }, await freePort());
    servers.push(bad);
    expect(await bad.exited).not.toBe(0);
    expect(bad.output()).toContain('AMIABLE_API_PROCESSES above 1 needs DATABASE_URL');
  };
  it(kind === 'postgres'
    ? 'serves from two processes on one port, replaces one that dies, sums their metrics and shuts down cleanly'
    : 'is refused on the embedded database (one process only)', kind === 'postgres' ? onPostgres : onEmbedded, 420_000);
});
