import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteJsonNumbers, readJsonLine } from './jsonl.ts';

describe('JSON Lines', () => {
  it('reads numbers as their exact text, never through a float', () => {
    expect(readJsonLine('{"principal": 0.1, "interest":1234.50, "n":-3e2, "s":"12.5 and 7"}')).toEqual({
      ok: true, fields: { principal: '0.1', interest: '1234.50', n: '-3e2', s: '12.5 and 7' },
    });
  });

  it('leaves strings alone, escaped quotes included (property)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 10 }), fc.integer())), (object) => {
      const parsed = JSON.parse(quoteJsonNumbers(JSON.stringify(object))) as Record<string, unknown>;
      for (const [key, value] of Object.entries(object)) expect(parsed[key]).toBe(String(value));
    }));
  });

  it('refuses what is not an object of plain values', () => {
    expect(readJsonLine('{"a": [1]}')).toMatchObject({ ok: false });
    expect(readJsonLine('[1,2]')).toMatchObject({ ok: false });
    expect(readJsonLine('{"a": ')).toMatchObject({ ok: false });
    expect(readJsonLine('{"a": null, "b": true}')).toEqual({ ok: true, fields: { b: 'true' } });
  });
});
