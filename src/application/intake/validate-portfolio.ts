/**
 * `--dry-run`: read and validate a whole file without writing anything. It reports what the import
 * would refuse, close as time-barred or flag; whether a valid row would create or update a case, and
 * debtor matching, are only known when importing.
 */
import { mapHeader } from '../../domain/intake/columns.ts';
import { reason } from '../../domain/intake/reasons.ts';
import { quoteValue } from '../../domain/intake/validate-row.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import type { ImportFailure, ImportSource, RejectedRow } from '../ports/intake.ts';
import { checkRecord } from './import-portfolio.ts';

export interface DryRunResult {
  readonly failure: ImportFailure | null;
  readonly rowsSeen: number;
  readonly valid: number;
  readonly refused: number;
  readonly prescribed: number;
  readonly flagged: number;
  /** The first refusals (at most `keepRejects`). */
  readonly rejects: readonly RejectedRow[];
  readonly ignoredColumns: readonly string[];
}

export async function validatePortfolio(source: ImportSource, asOf: CivilDate, keepRejects = 1000): Promise<DryRunResult> {
  const empty = { rowsSeen: 0, valid: 0, refused: 0, prescribed: 0, flagged: 0, rejects: [], ignoredColumns: [] };
  let keys: readonly (string | null)[] = [];
  let ignoredColumns: readonly string[] = [];
  const labels = new Map<string, string>();
  if (source.format === 'csv') {
    if (!source.header) return { ...empty, failure: { code: 'empty_file', message: reason('empty_file') } };
    const mapping = mapHeader(source.header);
    if (mapping.missing.length) {
      const why = reason('missing_columns', { columns: mapping.missing.join(', ') });
      return { ...empty, failure: { code: why.code, message: why, details: { missing: mapping.missing } } };
    }
    keys = mapping.keys;
    ignoredColumns = mapping.ignored;
    source.header.forEach((cell, i) => keys[i] && labels.set(keys[i]!, cell));
  }
  // A dry run keeps the references it saw in memory (an import keeps them in the database instead).
  const seen = new Map<string, number>();
  let rowsSeen = 0;
  let valid = 0;
  let prescribed = 0;
  let flagged = 0;
  let refused = 0;
  const rejects: RejectedRow[] = [];
  for await (const chunk of source.records()) {
    for (const record of chunk) {
      rowsSeen += 1;
      const checked = checkRecord(record, keys, asOf);
      if (checked.reference !== null) {
        const first = seen.get(checked.reference);
        if (first !== undefined) checked.errors.push({ column: 'creditor_reference', value: quoteValue(checked.reference), reason: reason('duplicate_reference', { line: first }) });
        else seen.set(checked.reference, record.line);
      }
      if (checked.errors.length > 0 || !checked.claim) {
        refused += 1;
        if (rejects.length < keepRejects) {
          rejects.push({
            line: record.line, creditorReference: checked.reference, raw: record.raw,
            errors: checked.errors.map((e) => ({ column: labels.get(e.column) ?? e.column, value: e.value, code: e.reason.code, en: e.reason.en, fr: e.reason.fr })),
          });
        }
        continue;
      }
      valid += 1;
      if (checked.claim.status === 'closed_prescribed') prescribed += 1;
      if (checked.claim.flags.length > 0) flagged += 1;
    }
  }
  return { failure: null, rowsSeen, valid, refused, prescribed, flagged, rejects, ignoredColumns };
}
