import { describe, expect, it } from 'vitest';
import { csvCell, manifestCsv } from './manifest.ts';

describe('print batch manifest (CSV)', () => {
  it('neutralises cells a spreadsheet would execute, and quotes every cell', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    for (const start of ['+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1`)).toBe(`"'${start}1"`);
    expect(csvCell('Lefèvre, "Camille"')).toBe('"Lefèvre, ""Camille"""');
    expect(csvCell(3)).toBe('"3"');
  });

  it('writes one line per letter with a fixed number of address columns', () => {
    const csv = manifestCsv([{
      batchId: 'b1', sequence: 1, caseReference: 'HT-1', creditor: 'Horizon', recipient: ['Mme A', '1 rue B', '75011 Paris'],
      letterReference: 'LR-1', template: 'first-letter', firstPage: 1, pages: 2,
    }]);
    const [header, line] = csv.trimEnd().split('\r\n');
    expect(header!.split(',')).toHaveLength(14);
    expect(line).toBe('"b1","1","HT-1","Horizon","Mme A","1 rue B","75011 Paris","","","","LR-1","first-letter","1","2"');
  });
});
