/**
 * `npm run bench intake` (or `npm run bench:intake`): imports N synthetic rows into a fresh PostgreSQL
 * database (127.0.0.1:5432, dropped afterwards; AMIABLE_BENCH_DATABASE_URL to use another server) and
 * into the embedded database (temp data directory), printing rows/s and peak RSS, and for PostgreSQL
 * the time of a raw COPY of the same file into a bare table measured in the same run, with the ratio.
 * Where the time goes: reading only (CSV tokenizer), reading + validating (dry run), the full import.
 *
 * Options: --rows=100000,1000000 (sizes), --db=postgres,embedded (default: 100k on both, 1M on PostgreSQL),
 * --import-only (skip the read-only and dry-run phases), --reimport (then import the same file again:
 * every case known, nothing changed).
 *
 * The machine is shared: besides wall-clock time the import prints the CPU seconds it used (Node, all
 * threads; PostgreSQL, its backends read from /proc), and the same for the raw COPY, so that a change can
 * be judged whatever the neighbours do.
 *
 * Last figures (2026-11-27, load 9.5–13.4; docs/import-format.md "Performance" has the profile and
 * the cost of each index and reference): PostgreSQL 100k rows 45.9 s = 114× the raw COPY (CPU
 * 4.5 s PostgreSQL + 11.6 s Node = 91× the COPY's CPU), 1M rows 333 s = 116× (CPU 110×), embedded
 * 100k 40.5 s (19.9 s of CPU); later, at a load of 7.6, embedded 100k 25.6 s (19.3 s of CPU; 27.7 s
 * at a load of 4–5 the day before). Validation alone is ~15× the COPY's CPU: the 2× COPY goal is out
 * of reach for this validation and schema.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import pgCopyStreams from 'pg-copy-streams';
import { newId } from '../src/adapters/db/ids.ts';
import { PgIntakeStore } from '../src/adapters/db/intake.repository.ts';
import { openDatabase, type Database } from '../src/adapters/db/open-database.ts';
import { buildCreditor } from '../src/adapters/db/seed/factories.ts';
import { creditors } from '../src/adapters/db/schema.ts';
import { openFileSource, scanFile } from '../src/adapters/intake/file-source.ts';
import { WorkerRowChecker } from '../src/adapters/intake/worker-row-checker.ts';
import { systemClock } from '../src/adapters/system.clock.ts';
import { importPortfolio } from '../src/application/intake/import-portfolio.ts';
import { validatePortfolio } from '../src/application/intake/validate-portfolio.ts';
import { parseCivilDate } from '../src/domain/time/index.ts';
import { syntheticHeader, writeSyntheticPortfolio } from '../test/support/synthetic-portfolio.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const sizes = arg('rows')?.split(',').map(Number);
type Target = 'postgres' | 'embedded';
/** --import-only: skip the read-only and dry-run phases (profiling the import alone). */
const importOnly = process.argv.includes('--import-only');
/** --reimport: after each import, the same file again under another key (the update path: every case known). */
const reimport = process.argv.includes('--reimport');
const targets = (arg('db')?.split(',') ?? ['postgres', 'embedded']) as Target[];
const plan: { rows: number; db: Target }[] = sizes
  ? sizes.flatMap((rows) => targets.map((db) => ({ rows, db })))
  : ([{ rows: 100_000, db: 'postgres' }, { rows: 100_000, db: 'embedded' }, { rows: 1_000_000, db: 'postgres' }] as { rows: number; db: Target }[]).filter((p) => targets.includes(p.db));
const adminUrl = process.env.AMIABLE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-bench-intake-'));
const today = new Date().toISOString().slice(0, 10);

/** Peak RSS while `task` runs, sampled every 20 ms, after a GC so earlier phases do not count. */
async function measured<T>(task: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMb: number; nodeCpu: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const result = await task();
    peak = Math.max(peak, process.memoryUsage.rss());
    const used = process.cpuUsage(cpu);
    return { result, seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(peak / 1024 / 1024), nodeCpu: (used.user + used.system) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

/** A backend's pid names a process of this machine only when the server runs here. */
const localServer = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(adminUrl).hostname);

/** CPU seconds (user + system) of a local process from /proc (Linux; null elsewhere or when not readable). */
function processCpuSeconds(pid: number): number | null {
  if (!localServer) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU time of the PostgreSQL backends serving `database` while `task` runs, polled every 100 ms (a
 * backend that exits keeps its last reading). On a shared machine wall-clock time mostly measures the
 * neighbours; CPU seconds measure the work.
 */
async function withBackendCpu<T>(url: string, database: string, task: () => Promise<T>): Promise<{ result: T; backendCpu: number | null }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const own = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let readable = true;
  const poll = async () => {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and pid <> $2', [database, own]);
    for (const { pid } of rows) {
      const cpu = processCpuSeconds(pid);
      if (cpu === null) {
        readable = false;
        continue;
      }
      if (!first.has(pid)) first.set(pid, cpu);
      last.set(pid, cpu);
    }
  };
  try {
    await poll();
    let polling = Promise.resolve();
    const timer = setInterval(() => {
      polling = polling.then(poll, () => {});
    }, 100);
    try {
      const result = await task();
      clearInterval(timer);
      await polling;
      await poll();
      return { result, backendCpu: readable ? [...last].reduce((sum, [pid, cpu]) => sum + cpu - (first.get(pid) ?? cpu), 0) : null };
    } finally {
      clearInterval(timer);
    }
  } finally {
    await client.end();
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The raw COPY of the file into a bare table: wall time, and CPU of its backend and of this process. */
async function rawCopy(url: string, file: string): Promise<{ seconds: number; backendCpu: number | null; nodeCpu: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create table bench_bare (${syntheticHeader.map((c) => `${c} text`).join(', ')})`);
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const backendBefore = processCpuSeconds(pid);
    const cpu = process.cpuUsage();
    const started = performance.now();
    await client.query('begin');
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }),
      client.query(pgCopyStreams.from("copy bench_bare from stdin (format csv, header true, delimiter ';')")));
    await client.query('commit');
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const backendAfter = processCpuSeconds(pid);
    await client.query('drop table bench_bare');
    return {
      seconds, nodeCpu: (used.user + used.system) / 1e6,
      backendCpu: backendBefore === null || backendAfter === null ? null : backendAfter - backendBefore,
    };
  } finally {
    await client.end();
  }
}

/** Imports `file` for a new creditor, or again for `creditorId` under another key (a re-import: every case known). */
async function importInto(database: Database, file: string, creditorId?: string): Promise<{ seconds: number; peakRssMb: number; nodeCpu: number; counts: Record<string, number>; creditorId: string }> {
  const creditor = creditorId ? { id: creditorId } : buildCreditor({ name: 'Bench' });
  if (!creditorId) await database.db.insert(creditors).values(creditor as ReturnType<typeof buildCreditor>);
  const checker = new WorkerRowChecker();
  const { result, seconds, peakRssMb, nodeCpu } = await measured(async () => {
    const scan = await scanFile(file);
    return importPortfolio({ store: new PgIntakeStore(database), clock: systemClock, newId, checker }, {
      creditorId: creditor.id!, idempotencyKey: creditorId ? 'bench-again' : 'bench', fileName: path.basename(file), contentSha256: scan.sha256, sizeBytes: scan.sizeBytes,
      sourceKind: 'creditor_file', actor: { kind: 'system', name: 'bench' }, format: 'csv', encodingError: scan.encodingError,
      openSource: () => openFileSource(file, 'csv'),
    });
  }).finally(() => checker.close());
  if (result.import.status !== 'completed') throw new Error(`import ${result.import.status}: ${JSON.stringify(result.import.failure)}`);
  return { seconds, peakRssMb, nodeCpu, counts: { ...result.import.counts }, creditorId: creditor.id! };
}

const rate = (rows: number, seconds: number) => `${Math.round(rows / seconds).toLocaleString('en')} rows/s`;
/** The machine is shared: the 1-minute load average says how much of its 2 cores a figure really had. */
const load = () => `load ${os.loadavg()[0]!.toFixed(1)}`;
const generated = new Map<number, string>();

try {
  for (const { rows, db } of plan) {
    let file = generated.get(rows);
    if (!file) {
      file = path.join(work, `portfolio-${rows}.csv`);
      const started = performance.now();
      const bytes = await writeSyntheticPortfolio(file, { rows, today });
      console.log(`\ngenerated ${rows.toLocaleString('en')} rows (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      generated.set(rows, file);
      // Where the time goes, without a database: reading, then reading + validating.
      if (!importOnly) {
        const read = await measured(async () => {
          let n = 0;
          for await (const chunk of (await openFileSource(file!, 'csv')).records()) n += chunk.length;
          return n;
        });
        console.log(`  read only (hash + UTF-8 check not included): ${read.seconds.toFixed(2)} s, ${rate(rows, read.seconds)}`);
        const validated = await measured(async () => validatePortfolio(await openFileSource(file!, 'csv'), parseCivilDate(today)));
        console.log(`  read + validate (dry run, incl. libphonenumber; keeps the references in memory): ${validated.seconds.toFixed(2)} s, ${rate(rows, validated.seconds)}, peak RSS ${validated.peakRssMb} MB, CPU ${validated.nodeCpu.toFixed(2)} s; ${load()}`);
      }
    }
    if (db === 'postgres') {
      const name = `amiable_bench_${process.pid}_${rows}`;
      await admin(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      try {
        const copyRun = await rawCopy(url.toString(), file);
        const copy = copyRun.seconds;
        const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
        try {
          const { result: run, backendCpu } = await withBackendCpu(adminUrl, name, () => importInto(database, file));
          const cpu = (seconds: number | null) => (seconds === null ? 'n/a' : `${seconds.toFixed(2)} s`);
          console.log(`  PostgreSQL ${rows.toLocaleString('en')} rows: import ${run.seconds.toFixed(2)} s (${rate(rows, run.seconds)}), peak RSS ${run.peakRssMb} MB; `
            + `raw COPY into a bare table ${copy.toFixed(2)} s (${rate(rows, copy)}); ratio ${(run.seconds / copy).toFixed(2)}× COPY; `
            + `CPU: PostgreSQL ${cpu(backendCpu)} + Node ${run.nodeCpu.toFixed(2)} s (all threads), against COPY ${cpu(copyRun.backendCpu)} + ${copyRun.nodeCpu.toFixed(2)} s`
            + `${backendCpu !== null && copyRun.backendCpu !== null ? ` (CPU ratio ${((backendCpu + run.nodeCpu) / (copyRun.backendCpu + copyRun.nodeCpu)).toFixed(1)}×)` : ''}; counts ${JSON.stringify(run.counts)}; ${load()}`);
          if (reimport) {
            const again = await withBackendCpu(adminUrl, name, () => importInto(database, file, run.creditorId));
            console.log(`  PostgreSQL ${rows.toLocaleString('en')} rows re-imported (every case known, nothing changed): ${again.result.seconds.toFixed(2)} s `
              + `(${rate(rows, again.result.seconds)}), CPU: PostgreSQL ${cpu(again.backendCpu)} + Node ${again.result.nodeCpu.toFixed(2)} s; counts ${JSON.stringify(again.result.counts)}; ${load()}`);
          }
        } finally {
          await database.close();
        }
      } finally {
        await admin(`drop database if exists ${name} with (force)`);
      }
    } else {
      const dataDir = fs.mkdtempSync(path.join(work, 'pglite-'));
      const database = await openDatabase({ kind: 'embedded', dataDir });
      try {
        const run = await importInto(database, file);
        console.log(`  embedded ${rows.toLocaleString('en')} rows: import ${run.seconds.toFixed(2)} s (${rate(rows, run.seconds)}), peak RSS ${run.peakRssMb} MB, CPU ${run.nodeCpu.toFixed(2)} s (all threads, PGlite included); counts ${JSON.stringify(run.counts)}`
          + `${rows === 100_000 ? ` — goal < 30 s: ${run.seconds < 30 ? 'met' : 'NOT met'}` : ''}; ${load()}`);
        if (reimport) {
          const again = await importInto(database, file, run.creditorId);
          console.log(`  embedded ${rows.toLocaleString('en')} rows re-imported (every case known, nothing changed): ${again.seconds.toFixed(2)} s (${rate(rows, again.seconds)}), `
            + `CPU ${again.nodeCpu.toFixed(2)} s; counts ${JSON.stringify(again.counts)}; ${load()}`);
        }
      } finally {
        await database.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
