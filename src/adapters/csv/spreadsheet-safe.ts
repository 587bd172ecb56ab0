/**
 * Every CSV Amiable writes goes through this: a cell that a spreadsheet would read as a formula
 * (starting with =, +, -, @, a tab or a carriage return) is prefixed with a single quote, so that
 * opening an export never runs what a debtor or a creditor typed (CSV/formula injection, OWASP).
 */
import { stringify } from 'csv-stringify/sync';

export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Rows as CSV text with the given separator; every string cell made spreadsheet-safe. */
export function csvRows(rows: readonly (readonly string[])[], delimiter: string): string {
  return stringify(rows.map((row) => row.map(spreadsheetSafe)), { delimiter, record_delimiter: '\n' });
}
