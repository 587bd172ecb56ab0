/**
 * The composition root: configuration → adapters → use cases → HTTP. Tests build the same app on
 * their own database through `composeApp`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { RowChecker } from '../application/intake/import-portfolio.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { Database } from '../adapters/db/open-database.ts';
import { newId } from '../adapters/db/ids.ts';
import { PgIntakeStore } from '../adapters/db/intake.repository.ts';
import { DrizzleUnitOfWork } from '../adapters/db/unit-of-work.ts';
import { buildHttpApp, type AppInstance } from '../adapters/http/app.ts';
import { Argon2PasswordHasher } from '../adapters/security/argon2.password-hasher.ts';
import { CryptoSecrets } from '../adapters/security/crypto.secrets.ts';
import { systemClock } from '../adapters/system.clock.ts';
import type { Config } from './config.ts';
import { buildMessagingDeps, type MessagingOverrides } from './messaging.ts';
// ── payments (issue #7) ──
import { buildPaymentDeps } from './payments.ts';
// ── operations (issue #9) ──
import type { JobAdmin } from '../application/jobs/dead-letters.ts';
import { PrometheusMetrics } from '../adapters/observability/prometheus.metrics.ts';
import { openJobQueue } from './jobs/job-workers.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDistDir = path.join(projectRoot, 'web', 'dist');

export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface ComposeOptions {
  readonly config: Config;
  readonly database: Database;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Validates import rows off the main thread (the server passes a worker; tests check in-line). */
  readonly rowChecker?: RowChecker;
  /** Serve the web build (default: when it exists). */
  readonly serveWeb?: boolean;
  /** Providers to use instead of those the configuration selects (tests). */
  readonly messaging?: MessagingOverrides;
  // ── operations (issue #9) ──
  /** This process's metrics (default: a fresh registry without process metrics). */
  readonly metrics?: PrometheusMetrics;
  /** The job queue's dead letters (served at /api/v1/jobs/dead-letters when given). */
  readonly jobs?: JobAdmin;
}

/**
 * The dead-letter view when the caller has no queue of its own (tests, tools): the queue is opened on
 * first use (pg-boss creates its schema then) and stopped with the app.
 */
function lazyJobAdmin(database: Database, logger: Logger | undefined): JobAdmin & { close(): Promise<void> } {
  let queue: ReturnType<typeof openJobQueue> | null = null;
  const log = logger ?? { info: () => {}, warn: () => {}, error: () => {} };
  const open = () => (queue ??= openJobQueue(database, log as Logger));
  return {
    deadLetters: async (limit) => (await open()).deadLetters(limit),
    retryDeadById: async (id) => (await open()).retryDeadById(id),
    async close() {
      if (queue) await (await queue).stop(2_000);
    },
  };
}

export async function composeApp(options: ComposeOptions): Promise<AppInstance> {
  const { config, database } = options;
  const jobs = options.jobs ?? lazyJobAdmin(database, options.logger);
  const hasher = new Argon2PasswordHasher();
  const serveWeb = options.serveWeb ?? fs.existsSync(path.join(webDistDir, 'index.html'));
  const messaging = buildMessagingDeps(config, database, { ...options.messaging, ...(options.clock ? { clock: options.clock } : {}) });
  const app = await buildHttpApp(
    {
      uow: new DrizzleUnitOfWork(database.db),
      clock: options.clock ?? systemClock,
      secrets: new CryptoSecrets(),
      hasher,
      decoyHash: await hasher.hash(new CryptoSecrets().token()),
      sessionTtlMinutes: config.sessionTtlMinutes,
      ping: () => database.ping(),
      intake: {
        store: new PgIntakeStore(database), clock: options.clock ?? systemClock, newId,
        ...(options.rowChecker ? { checker: options.rowChecker } : {}),
        maxUploadBytes: config.importMaxMegabytes * 1024 * 1024,
        ...(config.uploadDir ? { uploadDir: config.uploadDir } : {}),
      },
      messaging,
      // ── payments (issue #7) ──
      payments: buildPaymentDeps(config, messaging),
      // ── operations (issue #9) ──
      metrics: options.metrics ?? new PrometheusMetrics({ defaultMetrics: false }),
      metricsToken: config.metricsToken,
      jobs,
    },
    {
      logLevel: config.logLevel,
      prettyLogs: config.mode === 'development' && process.stdout.isTTY === true,
      secureCookies: config.publicUrl?.startsWith('https://') ?? false,
      trustProxy: config.trustProxy,
      version: packageVersion(),
      webDistDir: serveWeb ? webDistDir : null,
      ...(options.logger ? { logger: options.logger } : {}),
    },
  );
  if (!options.jobs && 'close' in jobs) app.addHook('onClose', async () => (jobs as { close(): Promise<void> }).close());
  return app;
}
