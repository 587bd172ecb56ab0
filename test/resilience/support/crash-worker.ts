/**
 * A worker process for the crash tests: the real job runtime (startJobWorkers) with one job whose
 * effect is a row keyed by the job's idempotency key. Every run also logs an attempt row. With
 * HANG_AFTER_EFFECT=1 the handler stops dead after its effect, as a process killed mid-job would.
 * Run with `node --import tsx test/resilience/support/crash-worker.ts`.
 */
import pino from 'pino';
import { openDatabase } from '../../../src/adapters/db/open-database.ts';
import { loadConfig } from '../../../src/server/config.ts';
import { startJobWorkers } from '../../../src/server/jobs/job-workers.ts';
import { onShutdownSignals } from '../../../src/server/shutdown.ts';
import { effectJob } from './crash-worker-job.ts';

const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const config = loadConfig({ ...process.env, NODE_ENV: 'test', AMIABLE_OUTBOX_INTERVAL_SECONDS: '0' });
const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl!, poolSize: 4 });
const workers = await startJobWorkers({
  config, database, log, registry: [effectJob], schedules: false, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1,
});
onShutdownSignals(log, 30_000, async () => {
  await workers.stop(Number(process.env.STOP_TIMEOUT_MS ?? 10_000));
  await database.close();
});
process.stdout.write(`worker ready ${process.pid}\n`);
