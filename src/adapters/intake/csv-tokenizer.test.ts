import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, detectDelimiter, type CsvRecord } from './csv-tokenizer.ts';

function readAll(text: string, delimiter: string, chunkSizes: readonly number[] = [text.length || 1], maxRecordChars?: number): CsvRecord[] {
  const tokenizer = new CsvTokenizer(delimiter, maxRecordChars);
  const out: CsvRecord[] = [];
  let at = 0;
  let i = 0;
  while (at < text.length) {
    const size = Math.max(1, chunkSizes[i++ % chunkSizes.length]!);
    out.push(...tokenizer.push(text.slice(at, at + size)));
    at += size;
  }
  out.push(...tokenizer.end());
  return out;
}

describe('CsvTokenizer', () => {
  it('reads quoted fields with separators, doubled quotes and newlines, with physical line numbers', () => {
    const text = 'a;b;c\n1;"x;y";"he said ""hi"""\n2;"multi\nline\nvalue";z\r\n3;;\n';
    const records = readAll(text, ';');
    expect(records.map((r) => [r.line, r.endLine, r.cells])).toEqual([
      [1, 1, ['a', 'b', 'c']],
      [2, 2, ['1', 'x;y', 'he said "hi"']],
      [3, 5, ['2', 'multi\nline\nvalue', 'z']],
      [6, 6, ['3', '', '']],
    ]);
  });

  it('refuses a stray quote in one record and goes on with the next lines', () => {
    const records = readAll('h1,h2\nab"c,1\n"x"y,2\nok,3\n"never closed,4\nlast,5\n', ',');
    expect(records.map((r) => ({ line: r.line, error: r.error !== undefined }))).toEqual([
      { line: 1, error: false }, { line: 2, error: true }, { line: 3, error: true }, { line: 4, error: false },
      { line: 5, error: true }, { line: 6, error: false },
    ]);
    expect(records[4]!.error).toMatch(/never closed/);
    expect(records[5]!.cells).toEqual(['last', '5']);
  });

  it('bounds memory: a quote left open in a large file costs one record, not the file', () => {
    const lines = ['h;v', '"open;1', ...Array.from({ length: 2000 }, (_, i) => `r${i};${'x'.repeat(50)}`)];
    const records = readAll(`${lines.join('\n')}\n`, ';', [4096], 10_000);
    expect(records[1]).toMatchObject({ line: 2, cells: [] });
    expect(records[1]!.error).toMatch(/longer than 10000/);
    // Everything after the bad line is read again, normally.
    expect(records.filter((r) => !r.error)).toHaveLength(2001);
    expect(records.at(-1)).toMatchObject({ line: 2002, cells: ['r1999', 'x'.repeat(50)] });
  });

  it('reads back what csv-stringify writes, whatever the chunking (property)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ';', ',', '"', '\n', '\r\n', ' ', '=', 'Z', '1'), maxLength: 12 });
    fc.assert(fc.property(
      fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 15 }),
      fc.constantFrom(';', ','),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
      (rows, delimiter, chunks) => {
        const width = rows[0]!.length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'v'))
          // A record that is a single empty cell is an empty line, which CSV cannot tell from nothing.
          .filter((r) => r.join('') !== '' || width > 1);
        const text = stringify(table, { delimiter, quoted_match: /^$|\r/ });
        const records = readAll(text, delimiter, chunks);
        expect(records.every((r) => r.error === undefined)).toBe(true);
        expect(records.map((r) => r.cells)).toEqual(table);
        // Line numbers are physical: each record starts after the newlines of the previous ones.
        let line = 1;
        records.forEach((r, i) => {
          expect(r.line).toBe(line);
          line = r.endLine + 1;
          expect(r.endLine - r.line).toBe(table[i]!.join('').split('\n').length - 1);
        });
      },
    ), { numRuns: 300 });
  });

  it('detects the separator from the header line', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('"a;x",b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });
});
