/**
 * The rejects file: refused rows in the input's own format with their original values, plus an
 * `error` column (CSV, same separator and header) or field (JSON Lines), so the creditor fixes just
 * those rows and sends the file again.
 */
import type { ImportRecord, RejectedRow } from '../../application/ports/intake.ts';
import { csvRows } from '../csv/spreadsheet-safe.ts';

export function errorText(row: RejectedRow): string {
  return row.errors.map((e) => `${e.column ? `${e.column}: ` : ''}${e.fr} / ${e.en}`).join(' ; ');
}

export function rejectsFileName(record: ImportRecord): string {
  const base = record.fileName.replace(/\.[^.]*$/, '') || 'import';
  return `${base}.rejects.${record.format === 'jsonl' ? 'jsonl' : 'csv'}`;
}

export async function* rejectsFile(record: ImportRecord, pages: AsyncIterable<readonly RejectedRow[]>): AsyncIterable<string> {
  if (record.format === 'jsonl') {
    for await (const page of pages) {
      let out = '';
      for (const row of page) {
        let original: Record<string, unknown> = {};
        try {
          const parsed: unknown = JSON.parse(String(row.raw));
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) original = parsed as Record<string, unknown>;
          else original = { line: String(row.raw) };
        } catch {
          original = { line: String(row.raw) };
        }
        out += `${JSON.stringify({ ...original, error: errorText(row) })}\n`;
      }
      yield out;
    }
    return;
  }
  const delimiter = record.delimiter ?? ';';
  const header = [...(record.header ?? []), 'error'];
  yield csvRows([header], delimiter);
  for await (const page of pages) {
    yield csvRows(page.map((row) => {
      const cells = Array.isArray(row.raw) ? [...(row.raw as string[])] : [String(row.raw)];
      while (cells.length < header.length - 1) cells.push('');
      return [...cells.slice(0, Math.max(cells.length, header.length - 1)), errorText(row)];
    }), delimiter);
  }
}
