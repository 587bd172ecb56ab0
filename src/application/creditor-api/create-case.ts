/**
 * Creates one case from the creditor API (`POST /api/v1/cases`) with exactly the rules of a file
 * import: the body is one import record (canonical column keys, as in a JSON Lines file), validated by
 * the same `validateRow` and written by the same `importPortfolio` (debtor matching, contact points,
 * limitation, provenance `creditor_api`, history), as a one-record import. A reference the creditor
 * already used is a conflict here (a file import would update that case; use imports for updates).
 */
import { createHash } from 'node:crypto';
import { resolveColumn } from '../../domain/intake/columns.ts';
import { validateRow } from '../../domain/intake/validate-row.ts';
import { toZonedDateTime, zonedCivilDate } from '../../domain/time/index.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { importPortfolio, INTAKE_TIME_ZONE, type ImportPortfolioDeps } from '../intake/import-portfolio.ts';
import type { ImportSource } from '../ports/intake.ts';
import type { CreditorCaseRepository } from '../ports/creditor-cases.ts';

export interface CreateCaseResult {
  readonly caseId: string;
  readonly importId: string;
  /** `closed_prescribed` claims are stored but never collected (as in a file import). */
  readonly status: string;
}

export async function createCaseFromApi(
  deps: ImportPortfolioDeps & { readonly findCase: (run: (repo: CreditorCaseRepository) => Promise<string | null>) => Promise<string | null> },
  actor: Actor, creditorId: string, fields: Readonly<Record<string, string>>,
): Promise<CreateCaseResult> {
  const values: Record<string, string> = {};
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const column = resolveColumn(name);
    if (column) values[column.key] = value;
    else unknown.push(name);
  }
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Unknown fields: ${unknown.join(', ')}`, { errors: unknown.map((name) => ({ path: `body/${name}`, message: 'unknown field (see docs/import-format.md)' })) });
  }
  // The same check a file row gets, on the same date (today in Paris), before anything is written.
  const asOf = zonedCivilDate(toZonedDateTime(deps.clock.now().getTime(), INTAKE_TIME_ZONE));
  const checked = validateRow(values, asOf);
  if (!checked.ok) {
    throw new AppError('validation_failed', checked.errors.map((e) => `${e.column || 'record'}: ${e.reason.en}`).join('; '), {
      errors: checked.errors.map((e) => ({ path: `body/${e.column}`, message: `${e.reason.code}: ${e.reason.en}` })),
    });
  }
  const reference = checked.claim.creditorReference;
  const existing = await deps.findCase((repo) => repo.findCaseIdByReference(creditorId, reference));
  if (existing) throw new AppError('conflict', `Case reference "${reference}" already exists (case ${existing}); send changes through an import`);

  const raw = JSON.stringify(fields);
  const source: ImportSource = {
    format: 'jsonl', delimiter: null, header: null, bytesRead: () => Buffer.byteLength(raw),
    async *records() {
      yield [{ line: 1, endLine: 1, fields, raw }];
    },
  };
  const outcome = await importPortfolio(deps, {
    creditorId, idempotencyKey: `api-case:${deps.newId()}`, fileName: `POST /api/v1/cases (${reference})`.slice(0, 200),
    contentSha256: createHash('sha256').update(raw).digest('hex'), sizeBytes: Buffer.byteLength(raw), sourceKind: 'creditor_api', actor, format: 'jsonl',
    openSource: async () => source,
  });
  if (outcome.import.counts.refused > 0) {
    // Only a rule that needs the database (a duplicate met meanwhile) can refuse here.
    throw new AppError('conflict', `The case was refused: see import ${outcome.import.id}`);
  }
  const caseId = await deps.findCase((repo) => repo.findCaseIdByReference(creditorId, reference));
  if (!caseId) throw new AppError('internal', `Import ${outcome.import.id} did not store case ${reference}`);
  return { caseId, importId: outcome.import.id, status: checked.claim.status };
}
