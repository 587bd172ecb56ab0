/**
 * `amiable import FILE --creditor ID [--json] [--dry-run] [--key K]`: import a portfolio file into the
 * configured database (embedded or DATABASE_URL). The same file with the same key resumes an unfinished
 * import or reports the finished one (exactly once); the key defaults to the file's SHA-256.
 * Progress (rows/s, ETA) goes to stderr when it is a terminal; the summary to stdout.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PgIntakeStore } from '../adapters/db/intake.repository.ts';
import { newId } from '../adapters/db/ids.ts';
import { formatOf, openFileSource, scanFile } from '../adapters/intake/file-source.ts';
import { WorkerRowChecker } from '../adapters/intake/worker-row-checker.ts';
import { systemClock } from '../adapters/system.clock.ts';
import { importPortfolio, INTAKE_TIME_ZONE, type ImportProgress } from '../application/intake/import-portfolio.ts';
import { validatePortfolio } from '../application/intake/validate-portfolio.ts';
import { AppError } from '../application/errors.ts';
import { toZonedDateTime, zonedCivilDate } from '../domain/time/index.ts';
import type { CliCommand } from './command.ts';
import { openConfiguredDatabase } from './configured-database.ts';

const usage = 'Usage: amiable import FILE --creditor ID [--json] [--dry-run] [--key IDEMPOTENCY_KEY] [--batch-size N] [--progress]\n';

export const importCommand: CliCommand = {
  summary: 'import FILE --creditor ID: import a portfolio (CSV or JSON Lines), exactly once per key',
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args, allowPositionals: true,
        options: { creditor: { type: 'string' }, json: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, key: { type: 'string' }, 'batch-size': { type: 'string' }, progress: { type: 'boolean' } },
      });
    } catch (error) {
      process.stderr.write(`amiable import: ${(error as Error).message}\n${usage}`);
      return 2;
    }
    const file = parsed.positionals[0];
    const creditorId = parsed.values.creditor;
    if (!file || !creditorId) {
      process.stderr.write(usage);
      return 2;
    }
    const json = parsed.values.json === true;
    const batchSize = parsed.values['batch-size'] ? Number(parsed.values['batch-size']) : undefined;
    const filePath = path.resolve(file);
    const format = formatOf(filePath);
    const scan = await scanFile(filePath).catch((error: Error) => error);
    if (scan instanceof Error) {
      process.stderr.write(`amiable import: cannot read ${file}: ${scan.message}\n`);
      return 1;
    }

    if (parsed.values['dry-run']) {
      if (scan.encodingError) return reportEncoding(scan.encodingError, json);
      const asOf = zonedCivilDate(toZonedDateTime(systemClock.now().getTime(), INTAKE_TIME_ZONE));
      const result = await validatePortfolio(await openFileSource(filePath, format), asOf);
      if (json) process.stdout.write(`${JSON.stringify({ dryRun: true, ...result })}\n`);
      else {
        if (result.failure) process.stdout.write(`Refused: ${result.failure.message.en}\n`);
        process.stdout.write(`Dry run of ${file}: ${result.rowsSeen} rows, ${result.valid} valid, ${result.refused} refused, ${result.prescribed} time-barred, ${result.flagged} flagged\n`);
        for (const reject of result.rejects.slice(0, 20)) {
          process.stdout.write(`  line ${reject.line}: ${reject.errors.map((e) => `${e.column || 'record'}: ${e.en}`).join('; ')}\n`);
        }
      }
      return result.failure ? 1 : 0;
    }

    const database = await openConfiguredDatabase();
    // --progress prints one line per committed batch even when stderr is not a terminal (scripts, tests).
    // Rows are validated in a worker thread while the main thread writes the previous batch.
    const checker = new WorkerRowChecker();
    const progress = process.stderr.isTTY || parsed.values.progress ? progressPrinter(scan.sizeBytes, process.stderr.isTTY ? '\r' : '\n') : undefined;
    try {
      const outcome = await importPortfolio({ store: new PgIntakeStore(database), clock: systemClock, newId, checker }, {
        creditorId, idempotencyKey: parsed.values.key ?? `sha256:${scan.sha256}`, fileName: path.basename(filePath), contentSha256: scan.sha256,
        sizeBytes: scan.sizeBytes, sourceKind: 'creditor_file', actor: { kind: 'system', name: 'cli' }, format,
        encodingError: scan.encodingError, openSource: () => openFileSource(filePath, format),
        ...(batchSize ? { batchSize } : {}), ...(progress ? { onProgress: progress } : {}),
      });
      if (progress && process.stderr.isTTY) process.stderr.write('\n');
      const record = outcome.import;
      if (json) {
        process.stdout.write(`${JSON.stringify({ importId: record.id, status: record.status, alreadyFinished: outcome.alreadyFinished, resumedFromLine: outcome.resumedFromLine, counts: record.counts, failure: record.failure })}\n`);
      } else {
        const c = record.counts;
        if (outcome.alreadyFinished) process.stdout.write(`Import ${record.id} had already finished (same key and content): nothing done.\n`);
        else if (outcome.resumedFromLine > 0) process.stdout.write(`Resumed import ${record.id} after line ${outcome.resumedFromLine}.\n`);
        if (record.failure) process.stdout.write(`Refused: ${record.failure.message.en}\n`);
        process.stdout.write(`Import ${record.id} ${record.status}: ${c.rowsSeen} rows — ${c.created} accepted (new cases), ${c.updated} updated, `
          + `${c.unchanged} unchanged, ${c.refused} refused, ${c.prescribed} closed as time-barred, ${c.flagged} flagged\n`);
      }
      return record.status === 'completed' ? 0 : 1;
    } catch (error) {
      if (error instanceof AppError) {
        process.stderr.write(`amiable import: ${error.message}\n`);
        return error.code === 'conflict' ? 3 : 1;
      }
      throw error;
    } finally {
      await checker.close();
      await database.close();
    }
  },
};

function reportEncoding(error: { line: number; column: number; byte: number }, json: boolean): number {
  const message = `The file is not UTF-8: invalid byte 0x${error.byte.toString(16).toUpperCase()} at line ${error.line}, column ${error.column}`;
  process.stdout.write(json ? `${JSON.stringify({ dryRun: true, failure: { code: 'invalid_encoding', ...error, message } })}\n` : `Refused: ${message}\n`);
  return 1;
}

function progressPrinter(totalBytes: number, end: '\r' | '\n'): (progress: ImportProgress) => void {
  const started = performance.now();
  return ({ rowsSeen, bytesRead }) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(rowsSeen / seconds) : 0;
    const fraction = totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : 1;
    const eta = fraction > 0 ? Math.max(0, Math.round(seconds / fraction - seconds)) : 0;
    const line = `${rowsSeen.toLocaleString('en')} rows · ${rate.toLocaleString('en')} rows/s · ${(fraction * 100).toFixed(0)}% · ETA ${eta} s`;
    process.stderr.write(end === '\r' ? `\r${line}   ` : `progress: ${line}\n`);
  };
}
