/** Helpers for intake tests: files in a temp dir, and importing them the way the CLI does. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newId } from '../../src/adapters/db/ids.ts';
import { PgIntakeStore } from '../../src/adapters/db/intake.repository.ts';
import type { Database } from '../../src/adapters/db/open-database.ts';
import { buildCreditor } from '../../src/adapters/db/seed/factories.ts';
import { creditors } from '../../src/adapters/db/schema.ts';
import { formatOf, openFileSource, scanFile } from '../../src/adapters/intake/file-source.ts';
import { importPortfolio, type ImportOutcome } from '../../src/application/intake/import-portfolio.ts';
import type { Clock } from '../../src/application/ports/clock.ts';
import { projectRoot } from '../../src/server/compose.ts';

export const samplePath = path.join(projectRoot, 'docs', 'samples', 'portfolio-sample.csv');
/** The import date of intake tests: every date rule is judged against it. */
export const intakeToday = new Date('2026-11-26T10:00:00Z');
export const fixedClock: Clock = { now: () => new Date(intakeToday) };

export function tempDir(): { dir: string; write(name: string, content: string | Buffer): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-intake-'));
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      return file;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

export async function insertCreditor(database: Database, name = 'Créancier Test'): Promise<string> {
  const creditor = buildCreditor({ name });
  await database.db.insert(creditors).values(creditor);
  return creditor.id!;
}

export async function importFile(database: Database, creditorId: string, file: string, options: { key?: string; batchSize?: number; clock?: Clock } = {}): Promise<ImportOutcome> {
  const scan = await scanFile(file);
  const format = formatOf(file);
  return importPortfolio({ store: new PgIntakeStore(database), clock: options.clock ?? fixedClock, newId }, {
    creditorId, idempotencyKey: options.key ?? `sha256:${scan.sha256}`, fileName: path.basename(file), contentSha256: scan.sha256,
    sizeBytes: scan.sizeBytes, sourceKind: 'creditor_file', actor: { kind: 'system', name: 'test' }, format, encodingError: scan.encodingError,
    openSource: () => openFileSource(file, format), ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
}

/** The sample file's header line and its data lines. */
export function sampleLines(): { header: string; rows: string[] } {
  const [header, ...rows] = fs.readFileSync(samplePath, 'utf8').trimEnd().split('\n');
  return { header: header!, rows };
}
