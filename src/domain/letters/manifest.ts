/**
 * The print batch's CSV manifest for the mailing house: one line per letter. Cells that a spreadsheet
 * would run as a formula (=, +, -, @, tab, carriage return: OWASP "CSV injection") are prefixed with an
 * apostrophe, then every cell is quoted as RFC 4180 requires.
 */
export interface ManifestLine {
  readonly batchId: string;
  readonly sequence: number;
  readonly caseReference: string;
  readonly creditor: string;
  readonly recipient: readonly string[];
  readonly letterReference: string;
  readonly template: string;
  readonly firstPage: number;
  readonly pages: number;
}

export const MANIFEST_ADDRESS_LINES = 6;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function manifestCsv(lines: readonly ManifestLine[]): string {
  const header = ['batch_id', 'sequence', 'case_reference', 'creditor', ...Array.from({ length: MANIFEST_ADDRESS_LINES }, (_, i) => `address_line_${i + 1}`), 'letter_reference', 'template', 'first_page', 'pages'];
  const rows = lines.map((line) => {
    const address = Array.from({ length: MANIFEST_ADDRESS_LINES }, (_, i) => line.recipient[i] ?? '');
    if (line.recipient.length > MANIFEST_ADDRESS_LINES) address[MANIFEST_ADDRESS_LINES - 1] = line.recipient.slice(MANIFEST_ADDRESS_LINES - 1).join(', ');
    return [line.batchId, line.sequence, line.caseReference, line.creditor, ...address, line.letterReference, line.template, line.firstPage, line.pages].map(csvCell).join(',');
  });
  return `${[header.join(','), ...rows].join('\r\n')}\r\n`;
}
