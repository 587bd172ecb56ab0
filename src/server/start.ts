/**
 * `amiable serve`: validate the configuration, open the database (embedded by default), apply
 * migrations, seed demo data on the first start, build the web app if missing, and serve.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DataDirLockedError } from '../adapters/db/data-dir-lock.ts';
import { openDatabase, type Database } from '../adapters/db/open-database.ts';
import { demoLogins, isSeeded, seedDemoData } from '../adapters/db/seed/demo-seed.ts';
import { demoPortal, seedPortalDemo } from '../adapters/db/seed/portal-demo.ts';
import { WorkerRowChecker } from '../adapters/intake/worker-row-checker.ts';
import { Argon2PasswordHasher } from '../adapters/security/argon2.password-hasher.ts';
import { startedClock, systemClock } from '../adapters/system.clock.ts';
import { DrizzleUnitOfWork } from '../adapters/db/unit-of-work.ts';
import { refreshWorklist } from '../application/backoffice/refresh-worklist.ts';
import { composeApp, projectRoot, webDistDir } from './compose.ts';
import { loadConfigOrExplain } from './config.ts';
import { agencySettings } from './agency.ts';
import { pino } from 'pino';
import { loggerOptions } from '../adapters/http/logger.ts';
import { PrometheusMetrics } from '../adapters/observability/prometheus.metrics.ts';
import { openJobQueue, startJobWorkers } from './jobs/job-workers.ts';
import { onShutdownSignals } from './shutdown.ts';
import { clusterMetricsFromPrimary, isClusterProcess, joinClusterMetrics } from './api-cluster.ts';

export async function startServer(): Promise<number> {
  const config = loadConfigOrExplain();
  if (!config) return 1;

  let database: Database;
  try {
    database = await openDatabase(config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`amiable: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`amiable: cannot open the database: ${(error as Error).message}\n`);
    return 1;
  }

  // Back office (issue #6): AMIABLE_CLOCK_START (development, tests) runs the clock from a chosen instant.
  const clock = config.clockStart ? startedClock(config.clockStart) : systemClock;
  const seeded = config.seedDemoData && !(await isSeeded(database.db))
    ? await seedDemoData(database.db, new Argon2PasswordHasher(), clock.now())
    : null;
  // ── Debtor portal demo case (issue #8) ──
  if (seeded) await seedPortalDemo(database.db, new Argon2PasswordHasher());
  // The demo worklist is ordered from the first start (later, after every change and POST /api/v1/worklist/refresh).
  if (seeded) await refreshWorklist({ uow: new DrizzleUnitOfWork(database.db), clock });

  if (!fs.existsSync(path.join(webDistDir, 'index.html'))) await buildWeb();

  const rowChecker = new WorkerRowChecker();
  const log = pino(loggerOptions(config.logLevel, config.mode === 'development' && process.stdout.isTTY === true));
  const metrics = new PrometheusMetrics({ labels: { process: 'api' } });
  if (isClusterProcess()) {
    joinClusterMetrics(metrics.registry);
    metrics.renderWith(() => clusterMetricsFromPrimary());
  }
  // The process model (docs/deploy.md): on the embedded database this one process also runs the job
  // workers (PGlite allows one process); on PostgreSQL `amiable worker` processes do, unless AMIABLE_WORKERS=inline.
  const inlineWorkers = config.workers === 'inline' || (config.workers === 'auto' && !config.databaseUrl);
  const workers = inlineWorkers ? await startJobWorkers({ config, database, log, metrics }) : null;
  const queue = workers ? workers.runner : await openJobQueue(database, log);
  const app = await composeApp({ config, database, serveWeb: true, rowChecker, logger: log, metrics, jobs: queue, ...(config.clockStart ? { clock } : {}) });
  const timeoutMs = config.shutdownTimeoutSeconds * 1000;
  const stopJobs = () => (workers ? workers.stop(timeoutMs) : queue.stop(timeoutMs));
  onShutdownSignals(log, timeoutMs + 10_000, async () => {
    // Stop accepting connections and drain the requests in flight, while the workers finish (or release) their jobs.
    await Promise.all([app.close(), stopJobs()]);
    await rowChecker.close();
    // Last: the database (and the embedded data directory's lock).
    await database.close();
  });

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    process.stderr.write(`amiable: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}\n`);
    await stopJobs();
    await rowChecker.close();
    await database.close();
    return 1;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  const lines = [
    '',
    `Amiable listening on ${url}`,
    `  database: ${database.description}${seeded ? ` (demo data seeded: ${seeded.cases} cases)` : ''}`,
    `  API reference: ${url}/api/docs`,
    `  background jobs: ${inlineWorkers ? 'run in this process' : 'run by `npx amiable worker` processes'}`,
    ...(isClusterProcess() ? [`  API processes: ${String(config.apiProcesses)} on this port (this one: pid ${String(process.pid)})`] : []),
  ];
  const agency = agencySettings(config);
  if (!agency.profile) lines.push(`  letters and messages are disabled until these are set: ${agency.missing.join(', ')}`);
  if (config.mode !== 'production' && config.seedDemoData) {
    lines.push('  demo logins (not for production):');
    for (const login of demoLogins) lines.push(`    ${login.role.padEnd(10)} ${login.email.padEnd(28)} ${login.password}`);
    lines.push(`  demo debtor portal: ${config.publicUrl ?? ''}/portail — reference ${demoPortal.reference}, access code ${demoPortal.accessCode}, born ${demoPortal.birthDate}; SMS code ${demoPortal.verificationCode}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  // Keep the process alive: the HTTP server holds the event loop.
  return new Promise<number>(() => {});
}

async function buildWeb(): Promise<void> {
  process.stdout.write('Building the web application (first start)…\n');
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error('The web build is missing and Vite is not installed: run `npm install` then `npm run build:web`.');
  }
  // React picks its production build from NODE_ENV at build time, whatever mode the server runs in.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: path.join(projectRoot, 'web', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
