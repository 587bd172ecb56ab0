/**
 * Starts one Amiable server for the whole e2e run, on a fresh embedded database in a temp directory,
 * and hands its URL to the specs (`inject('baseURL')`). Demo users are seeded by the server itself on
 * first start, as for a newcomer's `npm start`.
 *
 * Environment:
 * - AMIABLE_E2E_BASE_URL: test an already running server instead (no spawn, no build).
 * - CHROMIUM_PATH: the browser binary (default /usr/bin/chromium).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, createWriteStream } from 'node:fs';
import { access, mkdtemp, readFile, rm, stat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium-path.ts';
import { freePort } from './free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Origin of the server under test, without a trailing slash: http://127.0.0.1:<port>. */
    baseURL: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Cold start on this 2-core machine: PGlite initdb + migrations + argon2 seeding take 5–15 s. */
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

async function assertChromium(): Promise<void> {
  try {
    await access(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `e2e: Chromium not found at ${chromiumPath}. Install it with \`apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary).',
    );
  }
}

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * The server serves web/dist as built; a stale build would test yesterday's UI, so rebuild when any
 * web source is newer than the built index.html (about 2 s).
 */
async function ensureWebBuild(): Promise<void> {
  const built = join(repoRoot, 'web/dist/index.html');
  const builtAt = await stat(built).then((info) => info.mtimeMs, () => 0);
  const sources = ['web/src', 'web/index.html', 'web/public', 'web/vite.config.ts', 'package-lock.json'];
  const sourceAt = Math.max(...(await Promise.all(sources.map((path) => newestMtime(join(repoRoot, path)).catch(() => 0)))));
  if (builtAt > sourceAt) return;
  const vite = join(repoRoot, 'node_modules/vite/bin/vite.js');
  // NODE_ENV=production: vitest exports NODE_ENV=test, which would give React's development build.
  await run(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { NODE_ENV: 'production' });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`e2e: \`${args.join(' ')}\` exited with ${code}`))));
  });
}

async function isUp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function waitUntilReady(baseURL: string, child: ChildProcess | null, describe: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | null = null;
  child?.once('exit', (code, signal) => {
    exited = `exited early (code ${code}, signal ${signal})`;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`e2e: the server ${exited}.\n${await describe()}`);
    if ((await isUp(`${baseURL}/healthz`)) && (await isUp(`${baseURL}/readyz`))) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`e2e: ${baseURL}/healthz and /readyz not both 200 after ${READY_TIMEOUT_MS / 1000} s.\n${await describe()}`);
}

/** Ends the whole process group (the CLI may start helpers), politely first. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** The server's environment: the caller's, minus what would point it at shared state or change its mode. */
function serverEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    AMIABLE_DATA_DIR: dataDir,
    AMIABLE_DEMO_DATA: 'true',
    // Each test's browser plays a different client behind a proxy (X-Forwarded-For, see browser.ts),
    // so the per-IP login rate limit applies per test as it would per user, not to the whole run.
    TRUST_PROXY: 'true',
  };
  // Vitest sets NODE_ENV=test; the server must run as for `npm start` (development: demo users seeded).
  delete env.NODE_ENV;
  // Always the embedded database in a throwaway directory, even in a CI pass that exports DATABASE_URL.
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return env;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await assertChromium();

  const external = process.env.AMIABLE_E2E_BASE_URL?.replace(/\/+$/, '');
  if (external) {
    await waitUntilReady(external, null, async () => 'AMIABLE_E2E_BASE_URL is set: is that server running?');
    project.provide('baseURL', external);
    return async () => {};
  }

  await ensureWebBuild();
  const tempDir = await mkdtemp(join(tmpdir(), 'amiable-e2e-'));
  const dataDir = join(tempDir, 'data');
  const logPath = join(tempDir, 'server.log');
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;

  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, ['bin/amiable.mjs', 'serve'], {
    cwd: repoRoot,
    env: serverEnv(port, dataDir),
    // Own process group, so teardown can end the server and anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  // Last resort if vitest dies without running teardown (Ctrl-C twice): never leave a server behind.
  const killOnExit = () => {
    try {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', killOnExit);

  const describe = async () => {
    const text = await readFile(logPath, 'utf8').catch(() => '');
    const tail = text.split('\n').slice(-40).join('\n');
    return `Server log: ${logPath}\n--- last lines ---\n${tail}`;
  };

  try {
    await waitUntilReady(baseURL, child, describe);
  } catch (error) {
    await stop(child);
    // The temp directory is kept so the log can be read.
    throw error;
  }

  project.provide('baseURL', baseURL);

  return async () => {
    await stop(child);
    process.off('exit', killOnExit);
    log.end();
    await rm(tempDir, { recursive: true, force: true });
  };
}
