/**
 * Fuzzing the intake parsers (issue #9): whatever bytes a creditor sends, the CSV reader and the JSON
 * Lines reader never throw; each record keeps its physical line; a refused record says why, where
 * (field number for CSV, 1-based column for JSON Lines).
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.ts';
import { quoteJsonNumbers, readJsonLine } from './jsonl.ts';

// Thousands of runs on a shared machine: seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

function tokenize(text: string, cuts: readonly number[], delimiter = ';', max?: number): CsvRecord[] {
  const tokenizer = new CsvTokenizer(delimiter, max);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const to = Math.min(text.length, cut);
    if (to <= from) continue;
    out.push(...tokenizer.push(text.slice(from, to)));
    from = to;
  }
  out.push(...tokenizer.push(text.slice(from)), ...tokenizer.end());
  return out;
}

const csvText = fc.string({ unit: fc.constantFrom('a', 'é', '1', ' ', ';', ',', '"', '"', '\n', '\n', '\r', '\t', '€'), maxLength: 300 });
const cuts = fc.array(fc.nat({ max: 300 }), { maxLength: 8 });

describe('CSV reader under fuzzing', () => {
  it('never throws, reads the same records however the text is cut, and keeps physical lines in order', () => {
    fc.assert(fc.property(csvText, cuts, (text, at) => {
      const whole = tokenize(text, []);
      expect(tokenize(text, at)).toEqual(whole);
      const lines = text.split('\n').length;
      let previousEnd = 0;
      for (const record of whole) {
        expect(record.line).toBeGreaterThan(previousEnd);
        expect(record.endLine).toBeGreaterThanOrEqual(record.line);
        expect(record.endLine).toBeLessThanOrEqual(lines);
        previousEnd = record.endLine;
      }
    }), {
      numRuns: 2_000,
      // Found by this property: a '\r' after a closing quote at the end of a chunk was taken for a line end.
      examples: [['"a"\ra', [4]], ['""\ra', [3]]],
    });
  });

  it('names the field of every malformed record, and resumes on the next line', () => {
    fc.assert(fc.property(csvText, (text) => {
      for (const record of tokenize(text, [])) {
        if (record.error === undefined) continue;
        expect(record.error).toMatch(/field \d+|longer than/);
        const field = /field (\d+)/.exec(record.error);
        if (field) expect(Number(field[1])).toBeGreaterThanOrEqual(1);
      }
    }), { numRuns: 2_000 });
  });

  it('bounds a record\'s size: with a small limit, garbage never yields a record longer than the limit', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('x', '"', ';', '\n'), minLength: 50, maxLength: 400 }), cuts, (text, at) => {
      for (const record of tokenize(text, at.map((n) => n % 400), ';', 64)) {
        expect(record.cells.join(';').length).toBeLessThanOrEqual(64 + 64);
      }
    }), { numRuns: 1_000 });
  });
});

/** A JSON object line with its numbers written bare, as a creditor's system would. */
const objectLine = fc.dictionary(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '"', '\\', ' '), maxLength: 6 }), fc.oneof(
  fc.string({ maxLength: 8 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
), { maxKeys: 5 }).map((o) => JSON.stringify(o));

describe('JSON Lines reader under fuzzing', () => {
  it('never throws; a refused line says why, with a column inside the line', () => {
    const mutated = fc.tuple(objectLine, fc.nat(), fc.string({ maxLength: 3 }), fc.nat({ max: 3 })).map(([line, at, insert, remove]) => {
      const k = line.length === 0 ? 0 : at % line.length;
      return line.slice(0, k) + insert + line.slice(k + remove);
    });
    fc.assert(fc.property(fc.oneof(mutated, fc.string(), objectLine), (line) => {
      const result = readJsonLine(line);
      if (result.ok) {
        for (const value of Object.values(result.fields)) expect(typeof value).toBe('string');
        return;
      }
      expect(result.error.length).toBeGreaterThan(0);
      expect(result.error).not.toMatch(/is not valid JSON|in JSON at position/);
      const column = /at column (\d+)/.exec(result.error);
      if (column) {
        expect(Number(column[1])).toBeGreaterThanOrEqual(1);
        expect(Number(column[1])).toBeLessThanOrEqual(line.length + 1);
      }
    }), { numRuns: 3_000 });
  });

  it('points at the very character that breaks the line, numbers before it notwithstanding', () => {
    fc.assert(fc.property(objectLine, fc.constantFrom(']', ':', '#', '='), (line, junk) => {
      const broken = `${line.slice(0, -1)} ${junk}}`;
      const result = readJsonLine(broken);
      expect(result.ok).toBe(false);
      if (!result.ok && /at column/.test(result.error)) expect(result.error).toContain(`at column ${line.length + 1}`);
    }), { numRuns: 1_000 });
  });

  it('keeps every number exactly as written (no float on the way to the money parser)', () => {
    fc.assert(fc.property(fc.stringMatching(/^-?(0|[1-9]\d{0,20})(\.\d{1,6})?$/), (number) => {
      const result = readJsonLine(`{"principal":${number}}`);
      expect(result).toEqual({ ok: true, fields: { principal: number } });
      expect(quoteJsonNumbers(`[${number}]`)).toBe(`["${number}"]`);
    }), { numRuns: 1_000 });
  });
});
