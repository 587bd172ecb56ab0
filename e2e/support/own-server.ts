/**
 * A second Amiable server for specs that need a fixed instant (call hours): same as global-setup's,
 * with AMIABLE_CLOCK_START, on a fresh embedded database in a temp directory and a free port. The
 * shared server keeps the real clock for every other spec.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface OwnServer {
  readonly baseURL: string;
  stop(): Promise<void>;
}

export async function startOwnServer(extraEnv: Record<string, string>): Promise<OwnServer> {
  const tempDir = await mkdtemp(join(tmpdir(), 'amiable-e2e-own-'));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), AMIABLE_DATA_DIR: join(tempDir, 'data'), AMIABLE_DEMO_DATA: 'true', TRUST_PROXY: 'true', ...extraEnv };
  delete env.NODE_ENV;
  delete env.DATABASE_URL;
  delete env.PUBLIC_URL;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  const logPath = join(tempDir, 'server.log');
  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, ['bin/amiable.mjs', 'serve'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', () => kill('SIGKILL'));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`e2e: own server exited (${child.exitCode}):\n${await readFile(logPath, 'utf8').catch(() => '')}`);
    const ok = await fetch(`${baseURL}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      kill('SIGKILL');
      throw new Error(`e2e: own server not ready:\n${await readFile(logPath, 'utf8').catch(() => '')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    baseURL,
    async stop() {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}
