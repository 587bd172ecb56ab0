import { describe, expect, it } from 'vitest';
import { copyText, copyValue, textArrayLiteral } from './raw-session.ts';

describe('COPY text', () => {
  it('writes NULL as \\N, escapes backslash, tab, newline and carriage return, one row per line', () => {
    const bytes = copyText([['a\tb', null, 12, true], ['c\\d\ne\rf', undefined, -3, false]]);
    expect(bytes.toString('utf8')).toBe('a\\tb\t\\N\t12\ttrue\nc\\\\d\\ne\\rf\t\\N\t-3\tfalse\n');
  });

  it('encodes UTF-8, including characters outside the Basic Multilingual Plane', () => {
    expect(copyText([['Gaël', 'Jaurès', '😀']]).toString('utf8')).toBe('Gaël\tJaurès\t😀\n');
  });

  it('is the concatenation of its escaped values, whatever the size (the buffer grows)', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`row ${i} é`, i % 7 === 0 ? null : 'x'.repeat(i % 50), textArrayLiteral([`d"${i}`, 'e\\f'])]);
    const expected = rows.map((row) => row.map(copyValue).join('\t') + '\n').join('');
    expect(copyText(rows).toString('utf8')).toBe(expected);
  });

  it('is empty for no rows', () => {
    expect(copyText([]).length).toBe(0);
  });
});
