/**
 * `npm run bench:reconcile`: 100k bank statement entries (one camt.053 file) against 1M open cases on
 * PostgreSQL (a fresh database on 127.0.0.1:5432, dropped afterwards; AMIABLE_BENCH_DATABASE_URL for
 * another server). Cases and debtors are seeded with COPY. Entries: 90% quote a case's RF reference,
 * 5% carry the debtor's name and the exact balance (they close their case), 5% match nothing.
 *
 * The goal's figure is the one the issue names, entries **matched** per second (≥ 20,000/s): from the
 * file to every entry staged and matched (parse + stage + match; `FILE → EVERY ENTRY MATCHED`, and
 * `--until-matched`). Printed beside it, the product path end to end: `importBankStatement` (the same,
 * then booking every matched entry with its allocation, events, reminder cancellation, closure and
 * receipt attempt), in entries per second, with each step's time. Baseline measured in the same
 * run, on a separate file of the same kind on other cases: the previous importer, which booked one
 * database transaction per entry. Then the same file again (must change nothing), and, for the
 * record, the RF lookups row by row against the set-based matching pass.
 *
 * Options: --entries=100000 --cases=1000000 --baseline=2000 --rowbyrow=5000 --concurrency=2 (booking batches at once)
 * --parse-only: no database; the statement file of the same kind, read by the camt reader, then by the
 * tree-based reader it replaced (test/support/camt-reader-fxp.ts), back to back: wall and CPU seconds,
 * entries/s, peak RSS. --reader=camt or --reader=previous: that reader alone; --write=FILE saves the
 * statement, --file=FILE reads one instead of writing it (peak RSS then is the reader's, not the writing's).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { newId } from '../src/adapters/db/ids.ts';
import { openDatabase, queryRows } from '../src/adapters/db/open-database.ts';
import { withRawTransaction, copyText } from '../src/adapters/db/raw-session.ts';
import { buildCreditor } from '../src/adapters/db/seed/factories.ts';
import { creditors } from '../src/adapters/db/schema.ts';
import { CamtReader } from '../src/adapters/payments/camt.reader.ts';
import { bankBookingBatchSize, bankBookingConcurrency } from '../src/application/payments/book-bank-batch.ts';
import { bookPaymentIn } from '../src/application/payments/book-payment.ts';
import { importBankStatement, matchImport, stageBankFile } from '../src/application/payments/import-bank-statement.ts';
import { rfReferenceForCase } from '../src/domain/letters/rf-reference.ts';
import { loadConfig } from '../src/server/config.ts';
import { buildMessagingDeps } from '../src/server/messaging.ts';
import { sql } from 'drizzle-orm';
import { camt053, type CamtEntry } from '../test/support/camt.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const perSecond = (count: number, seconds: number) => Math.round(count / seconds).toLocaleString('en');
/** The issue's goal, on entries matched per second (file → every entry staged and matched). */
const matchedGoal = (rate: number) => `goal ≥ 20,000 entries matched/s: ${rate >= 20_000 ? 'met' : 'NOT met'}`;
const entryCount = arg('entries', 100_000);
const caseCount = arg('cases', 1_000_000);
const baselineSample = arg('baseline', 2_000);
const rowByRowSample = arg('rowbyrow', 5_000);
const concurrency = arg('concurrency', bankBookingConcurrency);
const adminUrl = process.env.AMIABLE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `amiable_bench_reconcile_${newId().replace(/-/g, '').slice(-10)}`;
const load = () => os.loadavg()[0]!.toFixed(2);
import fs from 'node:fs';
import os from 'node:os';

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function timed<T>(task: () => Promise<T> | T): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await task();
  return { result, seconds: (performance.now() - started) / 1000 };
}

const firstNames = ['Camille', 'Léa', 'Hugo', 'Nathan', 'Chloé', 'Louis', 'Emma', 'Jules', 'Inès', 'Gabriel', 'Manon', 'Arthur'];

/** The statement's entries: 90% quote the case's RF reference, 5% the debtor's name and the balance, 5% nothing. */
function benchEntries(caseIdOf: (n: number) => string, cases: readonly number[], prefix: string): CamtEntry[] {
  return cases.map((n, i) => {
    const ref = `${prefix}-${i}`;
    const kind = i % 20;
    if (kind < 18) return { amount: '25.00', acctSvcrRef: ref, txs: [{ amount: '25.00', rf: rfReferenceForCase(caseIdOf(n)), payerName: 'PAYEUR', endToEndId: `E2E-${ref}` }] };
    if (kind === 18) {
      const amount = 10_000 + (n % 50_000);
      return { amount: (amount / 100).toFixed(2), acctSvcrRef: ref, txs: [{ amount: (amount / 100).toFixed(2), payerName: `${firstNames[n % firstNames.length]!.toUpperCase()} NOM${n.toString(36).toUpperCase()}`, ustrd: 'remboursement' }] };
    }
    return { amount: '13.37', acctSvcrRef: ref, txs: [{ amount: '13.37', payerName: 'Inconnu Personne', ustrd: 'virement' }] };
  });
}

if (process.argv.includes('--parse-only')) {
  const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const file = option('file');
  const cases = Array.from({ length: entryCount }, (_, i) => (i * 7_919) % caseCount);
  const xml = file ? fs.readFileSync(file) : Buffer.from(camt053('BENCH-MSG', [{ id: 'BENCH-STMT', entries: benchEntries(() => newId(), cases, 'BENCH') }]));
  if (option('write')) fs.writeFileSync(option('write')!, xml);
  console.log(`parse only: ${entryCount.toLocaleString('en')} entries, ${(xml.length / 1024 / 1024).toFixed(1)} MiB of camt.053 (load ${load()})`);
  const { FastXmlParserCamtReader } = await import('../test/support/camt-reader-fxp.ts');
  const only = option('reader');
  const readers = [['camt', 'camt reader (one-pass scanner)', new CamtReader()], ['previous', 'BASELINE tree-based reader (fast-xml-parser + XMLValidator)', new FastXmlParserCamtReader()]] as const;
  console.log(`  peak RSS with the file ${file ? 'read' : 'written'}, before parsing: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  for (const [, name, reader] of readers.filter(([key]) => only === undefined || key === only)) {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const read = reader.read(xml).transactions.length;
    const wall = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.log(`  ${name}: ${read.toLocaleString('en')} transactions, ${wall.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU → ${Math.round(entryCount / cpuSeconds).toLocaleString('en')} entries per CPU second; `
      + `peak RSS so far ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (load ${load()})`);
  }
  process.exit(0);
}

/**
 * `--keep=<name>`: seed once, reuse afterwards. The seeded database is kept as
 * `amiable_bench_reconcile_seed_<name>_<cases>` and each run works on a copy of it (CREATE DATABASE …
 * TEMPLATE, a few seconds instead of the seed), dropped afterwards; every run thus starts from the same
 * cases. Drop the seed yourself when done (`drop database amiable_bench_reconcile_seed_<name>_<cases>`).
 * `--batch=<n>`: entries per booking batch. `--sql-profile`: prints, after the import, the time spent in each kind of SQL statement (wall time
 * per statement as the client sees it; run with --concurrency=1 for figures that add up).
 */
const keepName = process.argv.find((a) => a === '--keep' || a.startsWith('--keep='))?.split('=')[1] ?? (process.argv.includes('--keep') ? 'keep' : null);
const sqlProfile = process.argv.includes('--sql-profile');
/** `--until-matched`: the import stops once every entry is matched (no booking): the A/B runs of parse + stage + match. */
const untilMatched = process.argv.includes('--until-matched');
class StopAfterMatching extends Error {}
/** `--cpu-profile=<file>`: a V8 CPU profile of this process during the import alone (not the seeding nor the file's writing). */
const cpuProfileFile = process.argv.find((a) => a.startsWith('--cpu-profile='))?.slice('--cpu-profile='.length);

async function startCpuProfile(): Promise<() => Promise<object>> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    return profile;
  };
}
/** `--batch=<n>`: entries per booking batch (default bankBookingBatchSize). */
const batchSize = Number(process.argv.find((a) => a.startsWith('--batch='))?.split('=')[1] ?? bankBookingBatchSize);

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

/** Debtors and open cases, with COPY; returns the case ids in seeding order (case i is `REF-i`). */
async function seedCases(url: string): Promise<{ creditorId: string; ids: string[] }> {
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  try {
    const creditor = buildCreditor();
    await database.db.insert(creditors).values(creditor);
    console.log(`seeding ${caseCount.toLocaleString('en')} debtors and open cases with COPY… (load ${load()})`);
    const ids: string[] = new Array<string>(caseCount);
    const seed = await timed(async () => {
      const chunk = 100_000;
      for (let start = 0; start < caseCount; start += chunk) {
        const debtorRows: (string | number)[][] = [];
        const caseRows: (string | number)[][] = [];
        for (let i = start; i < Math.min(caseCount, start + chunk); i++) {
          const caseId = newId();
          const debtorId = newId();
          ids[i] = caseId;
          const first = firstNames[i % firstNames.length]!;
          const last = `Nom${i.toString(36)}`;
          debtorRows.push([debtorId, first, last, `pp|${last.toLowerCase()}|${first.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()}`]);
          caseRows.push([creditor.id!, caseId, debtorId, `REF-${i}`, 'telecom', 'consumer', 10_000 + (i % 50_000), '2026-06-01', 'active', '2026-07-01T08:00:00Z', rfReferenceForCase(caseId)]);
        }
        await withRawTransaction(database, async (s) => {
          await s.copyIn('debtors', ['id', 'first_name', 'last_name', 'name_key'], copyText(debtorRows));
          await s.copyIn('cases', ['creditor_id', 'id', 'debtor_id', 'creditor_reference', 'category', 'debtor_type', 'principal_cents', 'due_date', 'status', 'opened_at', 'rf_reference'], copyText(caseRows));
        });
      }
      // VACUUM as autovacuum does after bulk inserts on a production server (this one runs without it): the
      // visibility map it sets lets the RF lookup read the index alone (an index-only scan).
      await database.db.execute(sql`vacuum (analyze) debtors, cases`);
    });
    console.log(`  seeded in ${seed.seconds.toFixed(1)} s (${Math.round(caseCount / seed.seconds).toLocaleString('en')} cases/s)`);
    return { creditorId: creditor.id!, ids };
  } finally {
    await database.close();
  }
}

/** The seeded cases of a kept database, in seeding order. */
async function readSeed(url: string): Promise<{ creditorId: string; ids: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<{ id: string; creditor_id: string }>(
      `select id, creditor_id from cases where creditor_reference like 'REF-%' order by substr(creditor_reference, 5)::int`)).rows;
    if (rows.length !== caseCount) throw new Error(`the kept seed holds ${rows.length} cases, not ${caseCount}: drop it`);
    return { creditorId: rows[0]!.creditor_id, ids: rows.map((r) => r.id) };
  } finally {
    await client.end();
  }
}

/**
 * Wall time per kind of statement, as pg's clients see it, and the CPU its backend used meanwhile
 * (from /proc, 10 ms ticks: meaningful summed over many statements) (--sql-profile).
 */
function profileSql(): () => string {
  const spent = new Map<string, { calls: number; ms: number; cpu: number }>();
  const backendTicks = (pid: number | undefined) => {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  };
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as { query: unknown }).query = function profiled(this: pg.Client & { processID?: number }, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    const ticks = backendTicks(this.processID);
    const result = original.apply(this, args);
    if (typeof text !== 'string' || !(result instanceof Promise)) return result;
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const started = performance.now();
    const record = () => {
      const entry = spent.get(key) ?? { calls: 0, ms: 0, cpu: 0 };
      entry.calls++;
      entry.ms += performance.now() - started;
      entry.cpu += (backendTicks(this.processID) - ticks) / 100;
      spent.set(key, entry);
    };
    return result.then((value) => { record(); return value; }, (error: unknown) => { record(); throw error; });
  };
  return () => {
    const report = [...spent.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)
      .map(([key, e]) => `  ${(e.ms / 1000).toFixed(2).padStart(7)} s wall ${e.cpu.toFixed(2).padStart(6)} s PG CPU ${String(e.calls).padStart(6)}× ${key}`).join('\n');
    spent.clear();
    return report;
  };
}

/**
 * CPU time (s) used so far by the PostgreSQL backends serving this database, read from /proc (a local
 * server on Linux; null elsewhere): the database's share of the work, whatever the machine's load.
 * A backend's process title names its database; one gone since counts with what it had used.
 */
const backendTicks = new Map<number, number>();
function backendsCpu(database: string): number | null {
  if (process.platform !== 'linux') return null;
  let found = false;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(` ${database} `)) continue;
      const fields = fs.readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      backendTicks.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
      found = true;
    } catch {
      // the process ended meanwhile, or is not ours to read
    }
  }
  return found ? [...backendTicks.values()].reduce((a, b) => a + b, 0) : null;
}

async function main(): Promise<void> {
  const urlOf = (name: string) => adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const seedName = keepName === null ? null : `amiable_bench_reconcile_seed_${keepName.replace(/[^a-z0-9_]/gi, '')}_${caseCount}`;
  let seeded: { creditorId: string; ids: string[] };
  if (seedName === null) {
    await admin(`create database ${dbName}`);
    seeded = await seedCases(urlOf(dbName));
  } else {
    if (!(await databaseExists(seedName))) {
      await admin(`create database ${seedName}`);
      seeded = await seedCases(urlOf(seedName));
    } else {
      seeded = await readSeed(urlOf(seedName));
      console.log(`reusing the seeded database ${seedName} (${caseCount.toLocaleString('en')} cases; --keep)`);
    }
    const copy = await timed(() => admin(`create database ${dbName} template ${seedName}`));
    console.log(`  copied to ${dbName} in ${copy.seconds.toFixed(1)} s`);
  }
  const { ids } = seeded;
  const url = urlOf(dbName);
  const database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  // PostgreSQL's CPU per step of the import: read when each step ends.
  const pgSteps = new Map<string, number>();
  const nodeSteps = new Map<string, number>();
  let pgMark: number | null = null;
  let nodeMark = process.cpuUsage();
  const markPg = (step: string) => {
    const now = backendsCpu(dbName);
    if (now !== null && pgMark !== null) pgSteps.set(step, now - pgMark);
    pgMark = now;
    const usage = process.cpuUsage(nodeMark);
    nodeSteps.set(step, (usage.user + usage.system) / 1e6);
    nodeMark = process.cpuUsage();
  };
  const sqlReport = sqlProfile ? profileSql() : null;
  try {
    const pick = (i: number) => (i * 7_919) % caseCount;
    const entriesFor = (cases: readonly number[], prefix: string): CamtEntry[] => benchEntries((n) => ids[n]!, cases, prefix);
    const mainCases = Array.from({ length: entryCount }, (_, i) => pick(i));
    const taken = new Set(mainCases);
    const baselineCases: number[] = [];
    for (let n = 0; n < caseCount && baselineCases.length < baselineSample; n++) if (!taken.has(n)) baselineCases.push(n);
    const xml = Buffer.from(camt053('BENCH-MSG', [{ id: 'BENCH-STMT', entries: entriesFor(mainCases, 'BENCH') }]));
    const baselineXml = Buffer.from(camt053('BASELINE-MSG', [{ id: 'BASELINE-STMT', entries: entriesFor(baselineCases, 'BASELINE') }]));
    console.log(`statement: ${entryCount.toLocaleString('en')} entries, ${(xml.length / 1024 / 1024).toFixed(1)} MiB of camt.053; baseline file: ${baselineCases.length.toLocaleString('en')} entries on other cases`);

    const config = loadConfig({ NODE_ENV: 'test', AMIABLE_DATA_DIR: os.tmpdir(), AMIABLE_PORTAL_URL: 'https://portail.amiable.example' });
    const messaging = buildMessagingDeps(config, database);
    const actor = { kind: 'system', name: 'bench' } as const;
    const steps = new Map<string, number>();
    const deps = {
      ...messaging, reader: new CamtReader(), observe: (step: string, seconds: number) => {
        steps.set(step, seconds);
        markPg(step);
        if (untilMatched && step === 'match') throw new StopAfterMatching('--until-matched');
      },
      bankBatches: { size: batchSize, concurrency },
    };
    console.log(`agency profile ${messaging.agency.profile ? 'complete' : 'incomplete'}; the seeded debtors have no contact point, so receipts end as receipt.not_queued (see docs/payments.md)`);

    // Baseline, same run: the previous importer: parse, stage, match, then one transaction per entry
    // (lock the transaction, bookPaymentIn, record the outcome).
    const baseline = await timed(async () => {
      const parsed = new CamtReader().read(baselineXml);
      const staged = await stageBankFile(deps, actor, { fileName: 'baseline.xml', sha256: createHash('sha256').update(baselineXml).digest('hex'), parsed });
      await matchImport(deps, staged!.importId);
      const matched = await deps.uow.run((repos) => repos.bank.matchedUnbooked(staged!.importId));
      for (const tx of matched) {
        await deps.uow.run(async (repos) => {
          const locked = await repos.bank.lockTransaction(tx.id);
          if (!locked || locked.status !== 'unmatched' || locked.amountCents === null) return;
          const now = deps.clock.now();
          const result = await bookPaymentIn(repos, deps, actor, {
            caseId: tx.caseId!, amountCents: locked.amountCents, currency: locked.currency, valueDate: locked.valueDate ?? locked.bookingDate ?? now.toISOString().slice(0, 10),
            method: 'transfer', source: 'bank', externalRef: locked.entryKey, payerName: locked.payerName,
          }, now);
          await repos.bank.setOutcome(tx.id, { status: 'booked', matchMethod: tx.matchMethod, confidence: tx.confidence, creditorId: result.payment.creditorId, caseId: tx.caseId, paymentId: result.payment.id });
        });
      }
      return matched.length;
    });
    const baselineRate = baselineCases.length / baseline.seconds;
    console.log(`BASELINE (previous importer: booking one transaction per entry; ${baselineCases.length.toLocaleString('en')} entries, ${baseline.result.toLocaleString('en')} booked): `
      + `${baseline.seconds.toFixed(2)} s → ${Math.round(baselineRate).toLocaleString('en')} entries/s end to end (load ${load()})`);

    // The product path, end to end: importBankStatement (hash, parse, stage, match, book, returns, counts).
    sqlReport?.(); // from here on: the import only
    const pgBefore = backendsCpu(dbName);
    pgMark = pgBefore;
    nodeMark = process.cpuUsage();
    const profiler = cpuProfileFile ? await startCpuProfile() : null;
    const cpuBefore = process.cpuUsage();
    const run = await timed(async () => {
      try {
        return await importBankStatement(deps, actor, { fileName: 'bench.xml', content: xml });
      } catch (error) {
        if (!(error instanceof StopAfterMatching)) throw error;
        const [stopped] = await deps.uow.run((repos) => repos.bank.listImports(1));
        return { import: stopped!, alreadyImported: false };
      }
    });
    const cpu = process.cpuUsage(cpuBefore);
    if (profiler) fs.writeFileSync(cpuProfileFile!, JSON.stringify(await profiler()));
    const pgAfter = backendsCpu(dbName);
    const pgCpu = pgBefore === null || pgAfter === null ? null : pgAfter - pgBefore;
    const record = run.result.import;
    if (untilMatched) {
      const cpuOfSteps = (names: readonly string[]) => names.reduce((t, n) => t + (nodeSteps.get(n) ?? 0), 0).toFixed(2) + ' + ' + names.reduce((t, n) => t + (pgSteps.get(n) ?? 0), 0).toFixed(2);
      const toMatched = ['parse', 'stage', 'match'].reduce((t, n) => t + (steps.get(n) ?? 0), 0);
      console.log(`UNTIL MATCHED: parse ${(steps.get('parse') ?? 0).toFixed(2)} s, stage ${(steps.get('stage') ?? 0).toFixed(2)} s, match ${(steps.get('match') ?? 0).toFixed(2)} s; `
        + `file → every entry matched ${toMatched.toFixed(2)} s → ${perSecond(entryCount, toMatched)} entries/s — ${matchedGoal(entryCount / toMatched)}; `
        + `CPU this process + PostgreSQL: parse + stage ${cpuOfSteps(['parse', 'stage'])} s, match ${cpuOfSteps(['match'])} s, all ${cpuOfSteps(['parse', 'stage', 'match'])} s (load ${load()})`);
      if (sqlReport) console.log(`SQL time per statement kind up to matching (wall time seen by the client):\n${sqlReport()}`);
      return;
    }
    const rate = entryCount / run.seconds;
    const step = (name: string) => steps.get(name) ?? 0;
    // Parsing and staging overlap (the reader hands over each slice of the file as it reads on): 'parse'
    // is the time spent reading, 'stage' the rest of the two until every transaction is staged; their sum
    // is the wall time from the file to every entry staged.
    console.log(`  parse (camt reader, one-pass scanner; the time spent reading, staging runs meanwhile): ${step('parse').toFixed(2)} s, ${perSecond(entryCount, step('parse'))} entries/s`);
    console.log(`  stage + RF match (COPY, then insert … select, each matched by RF reference as it is inserted; the time not overlapped with reading): ${step('stage').toFixed(2)} s; parse + stage ${(step('parse') + step('stage')).toFixed(2)} s, ${perSecond(entryCount, step('parse') + step('stage'))} entries/s`);
    console.log(`  match the rest (set-based SQL: name keys + amounts): ${step('match').toFixed(2)} s, ${perSecond(entryCount, step('match'))} entries/s`);
    console.log(`  book (batches of ${batchSize.toLocaleString('en')}, ${String(concurrency)} at a time: payments, allocation, events, reminders, closures, receipts): ${step('book').toFixed(2)} s, ${perSecond(record.bookedCount, step('book'))} payments/s`);
    // Parse and stage overlap: their CPU is counted together.
    const cpuOf = (label: string, names: readonly string[]) => {
      const sum = (steps: Map<string, number>) => names.reduce((total, name) => total + (steps.get(name) ?? 0), 0);
      return `${label} ${sum(nodeSteps).toFixed(2)} s + ${names.every((name) => pgSteps.has(name)) ? sum(pgSteps).toFixed(2) : 'n/a'} s`;
    };
    console.log(`  CPU per step, this process + PostgreSQL: ${cpuOf('parse + stage', ['parse', 'stage'])}, ${cpuOf('match', ['match'])}, ${cpuOf('book', ['book'])}`);
    console.log(`IMPORT END TO END (importBankStatement): ${entryCount.toLocaleString('en')} entries in ${run.seconds.toFixed(2)} s → ${Math.round(rate).toLocaleString('en')} entries/s `
      + `(booked ${record.bookedCount.toLocaleString('en')}, unmatched ${record.unmatchedCount.toLocaleString('en')}); `
      + `×${(rate / baselineRate).toFixed(1)} the baseline (load ${load()})`);
    // The goal's figure (the issue: "entries matched per second"): from the file to every entry staged
    // and matched (parse + stage + match), booking excluded; the end-to-end figure above is the product's.
    const toMatched = step('parse') + step('stage') + step('match');
    console.log(`FILE → EVERY ENTRY MATCHED (parse + stage + match, booking excluded): ${toMatched.toFixed(2)} s → ${perSecond(entryCount, toMatched)} entries/s `
      + `— ${matchedGoal(entryCount / toMatched)}; `
      + `CPU during the import: this process ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, PostgreSQL ${pgCpu === null ? 'n/a' : `${pgCpu.toFixed(2)} s`} (load ${load()})`);
    if (sqlReport) console.log(`SQL time per statement kind during the import (wall time seen by the client):\n${sqlReport()}`);

    // The same file again changes nothing.
    const again = await timed(() => importBankStatement(deps, actor, { fileName: 'bench-again.xml', content: xml }));
    const [payments] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from payments`);
    console.log(`same file again: alreadyImported=${again.result.alreadyImported} in ${again.seconds.toFixed(2)} s; payments in the database: ${Number(payments!.n).toLocaleString('en')} `
      + `(${(record.bookedCount + baseline.result).toLocaleString('en')} expected)`);

    // For the record: the RF lookups done row by row (what a naive matcher does), against the set-based pass.
    const sample = mainCases.slice(0, rowByRowSample);
    const rowByRow = await timed(async () => {
      for (const n of sample) await queryRows<{ id: string }>(database.db, sql`select id, creditor_id from cases where rf_reference = ${rfReferenceForCase(ids[n]!)}`);
    });
    console.log(`matching row by row (${sample.length.toLocaleString('en')} RF lookups): ${perSecond(sample.length, rowByRow.seconds)} entries/s; set-based: ${perSecond(entryCount, step('match'))} entries/s (load ${load()})`);
  } finally {
    await database.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}

await main();
