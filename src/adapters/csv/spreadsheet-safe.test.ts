import { describe, expect, it } from 'vitest';
import { csvRows, spreadsheetSafe } from './spreadsheet-safe.ts';

describe('spreadsheet-safe CSV', () => {
  it('prefixes cells a spreadsheet would run as a formula with a single quote', () => {
    for (const cell of ['=SUM(A1)', '+33612', '-12,00', '@cmd', '\tx', '\rx']) expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    for (const cell of ['Martin', '12,00', '', ' =x']) expect(spreadsheetSafe(cell)).toBe(cell);
  });

  it('writes rows with the given separator, quoting where needed', () => {
    expect(csvRows([['a;b', '=1+1', 'ok'], ['"q"', '', 'x']], ';')).toBe('"a;b";\'=1+1;ok\n"""q""";;x\n');
  });
});
