/**
 * `npm run bench:reconcile`: 100k bank statement entries (one camt.053 file) against 1M open cases on
 * PostgreSQL (a fresh database on 127.0.0.1:5432, dropped afterwards; AMIABLE_BENCH_DATABASE_URL for
 * another server). Cases and debtors are seeded with COPY. Entries: 90% quote a case's RF reference,
 * 5% carry the debtor's name and the exact balance, 5% match nothing.
 *
 * Figures: parsing the XML; staging (inserting the transactions); matching (set-based SQL: RF join,
 * then name keys + amounts), in entries matched per second — the goal is ≥ 20,000/s; and, for scale,
 * booking through the full payment use case (allocation, events, receipt, arrangements) on a sample.
 * Baseline measured in the same run: matching the same kind of entries row by row (one indexed SELECT
 * per entry), on a sample; the ratio says what the set-based pass buys.
 *
 * Options: --entries=100000 --cases=1000000 --book=1000 --baseline=5000
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { newId } from '../src/adapters/db/ids.ts';
import { openDatabase, queryRows } from '../src/adapters/db/open-database.ts';
import { withRawTransaction, copyText } from '../src/adapters/db/raw-session.ts';
import { buildCreditor } from '../src/adapters/db/seed/factories.ts';
import { creditors } from '../src/adapters/db/schema.ts';
import { CamtReader } from '../src/adapters/payments/camt.reader.ts';
import { bookPayment } from '../src/application/payments/book-payment.ts';
import { matchImport, stageBankFile } from '../src/application/payments/import-bank-statement.ts';
import { rfReferenceForCase } from '../src/domain/letters/rf-reference.ts';
import { loadConfig } from '../src/server/config.ts';
import { buildMessagingDeps } from '../src/server/messaging.ts';
import { sql } from 'drizzle-orm';
import { camt053, type CamtEntry } from '../test/support/camt.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const entryCount = arg('entries', 100_000);
const caseCount = arg('cases', 1_000_000);
const bookSample = arg('book', 1_000);
const baselineSample = arg('baseline', 5_000);
const adminUrl = process.env.AMIABLE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `amiable_bench_reconcile_${newId().replace(/-/g, '').slice(-10)}`;
const load = () => os.loadavg()[0]!.toFixed(2);
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

async function main(): Promise<void> {
  await admin(`create database ${dbName}`);
  const url = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
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
      await database.db.execute(sql`analyze debtors; analyze cases`);
    });
    console.log(`  seeded in ${seed.seconds.toFixed(1)} s (${Math.round(caseCount / seed.seconds).toLocaleString('en')} cases/s)`);

    const pick = (i: number) => (i * 7_919) % caseCount;
    const entries: CamtEntry[] = [];
    for (let i = 0; i < entryCount; i++) {
      const n = pick(i);
      const ref = `BENCH-${i}`;
      const kind = i % 20;
      if (kind < 18) entries.push({ amount: '25.00', acctSvcrRef: ref, txs: [{ amount: '25.00', rf: rfReferenceForCase(ids[n]!), payerName: 'PAYEUR', endToEndId: `E2E-${i}` }] });
      else if (kind === 18) {
        const amount = 10_000 + (n % 50_000);
        entries.push({ amount: (amount / 100).toFixed(2), acctSvcrRef: ref, txs: [{ amount: (amount / 100).toFixed(2), payerName: `${firstNames[n % firstNames.length]!.toUpperCase()} NOM${n.toString(36).toUpperCase()}`, ustrd: 'remboursement' }] });
      } else entries.push({ amount: '13.37', acctSvcrRef: ref, txs: [{ amount: '13.37', payerName: 'Inconnu Personne', ustrd: 'virement' }] });
    }
    const xml = Buffer.from(camt053('BENCH-MSG', [{ id: 'BENCH-STMT', entries }]));
    console.log(`statement: ${entryCount.toLocaleString('en')} entries, ${(xml.length / 1024 / 1024).toFixed(1)} MiB of camt.053`);

    const config = loadConfig({ NODE_ENV: 'test', AMIABLE_DATA_DIR: os.tmpdir(), AMIABLE_PORTAL_URL: 'https://portail.amiable.example' });
    const deps = buildMessagingDeps(config, database);
    const actor = { kind: 'system', name: 'bench' } as const;

    const parse = await timed(() => new CamtReader().read(xml));
    console.log(`parse (fast-xml-parser + camt reader): ${parse.seconds.toFixed(2)} s, ${Math.round(entryCount / parse.seconds).toLocaleString('en')} entries/s (load ${load()})`);
    const sha256 = createHash('sha256').update(xml).digest('hex');
    const stage = await timed(() => stageBankFile(deps, actor, { fileName: 'bench.xml', sha256, parsed: parse.result }));
    const importId = stage.result!.importId;
    console.log(`stage (insert transactions): ${stage.seconds.toFixed(2)} s, ${Math.round(entryCount / stage.seconds).toLocaleString('en')} entries/s (load ${load()})`);
    const match = await timed(() => matchImport(deps, importId));
    const matched = match.result.byRf + match.result.byName;
    const matchRate = entryCount / match.seconds;
    console.log(`MATCH (set-based SQL): ${entryCount.toLocaleString('en')} entries in ${match.seconds.toFixed(2)} s → ${Math.round(matchRate).toLocaleString('en')} entries/s `
      + `(by RF ${match.result.byRf.toLocaleString('en')}, by name+amount ${match.result.byName.toLocaleString('en')}, suggestions only ${match.result.suggested.toLocaleString('en')}) `
      + `— goal ≥ 20,000/s: ${matchRate >= 20_000 ? 'met' : 'NOT met'} (load ${load()})`);
    console.log(`stage + match: ${Math.round(entryCount / (stage.seconds + match.seconds)).toLocaleString('en')} entries/s; matched ${matched.toLocaleString('en')} of ${entryCount.toLocaleString('en')}`);

    // Baseline: the same RF lookups one entry at a time (what a naive importer does).
    const sample = parse.result.transactions.slice(0, baselineSample);
    const baseline = await timed(async () => {
      let found = 0;
      for (const tx of sample) {
        const ref = tx.structuredRefs[0];
        if (!ref) continue;
        const rows = await queryRows<{ id: string }>(database.db, sql`select id, creditor_id from cases where rf_reference = ${ref}`);
        if (rows.length > 0) found++;
      }
      return found;
    });
    const baselineRate = sample.length / baseline.seconds;
    console.log(`baseline (row by row, ${sample.length.toLocaleString('en')} entries): ${Math.round(baselineRate).toLocaleString('en')} entries/s → set-based is ×${(matchRate / baselineRate).toFixed(1)} (load ${load()})`);

    const toBook = await queryRows<{ case_id: string; amount_cents: number; entry_key: string }>(database.db, sql`
      select case_id, amount_cents, entry_key from bank_transactions where import_id = ${importId} and case_id is not null order by entry_key limit ${bookSample}`);
    const book = await timed(async () => {
      for (const row of toBook) {
        await bookPayment(deps, actor, { caseId: row.case_id, amountCents: Number(row.amount_cents), valueDate: '2027-03-05', method: 'transfer', source: 'bank', externalRef: row.entry_key });
      }
    });
    console.log(`booking through the payment use case (allocation, events, arrangements, receipt attempt; sample ${toBook.length.toLocaleString('en')}): ${Math.round(toBook.length / book.seconds).toLocaleString('en')} payments/s (load ${load()})`);
  } finally {
    await database.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}

await main();
