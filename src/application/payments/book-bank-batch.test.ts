import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchesByCase, type MatchedEntry } from './book-bank-batch.ts';

const entry = (id: number, caseId: string): MatchedEntry => ({ id: `tx-${String(id)}`, caseId, matchMethod: 'rf_reference', confidence: 100 });

describe('batchesByCase', () => {
  it('keeps a case whole, in statement order, and cuts near the size', () => {
    const entries = [entry(1, 'a'), entry(2, 'b'), entry(3, 'a'), entry(4, 'c'), entry(5, 'd'), entry(6, 'c')];
    expect(batchesByCase(entries, 3).map((b) => b.map((e) => e.id))).toEqual([['tx-1', 'tx-3', 'tx-2'], ['tx-4', 'tx-6', 'tx-5']]);
  });

  it('loses nothing, duplicates nothing, never splits a case and keeps each case in order', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (cases, size) => {
      const entries = cases.map((c, i) => entry(i, `case-${String(c)}`));
      const batches = batchesByCase(entries, size);
      expect(batches.flat().map((e) => e.id).sort()).toEqual(entries.map((e) => e.id).sort());
      const home = new Map<string, number>();
      batches.forEach((batch, index) => {
        expect(batch.length).toBeGreaterThan(0);
        for (const e of batch) {
          expect(home.get(e.caseId) ?? index).toBe(index);
          home.set(e.caseId, index);
        }
        // A batch is over the size only when it holds a single case's entries.
        if (batch.length > size) expect(new Set(batch.map((e) => e.caseId)).size).toBe(1);
      });
      for (const c of new Set(entries.map((e) => e.caseId))) {
        const order = batches.flat().filter((e) => e.caseId === c).map((e) => Number(e.id.slice(3)));
        expect(order).toEqual([...order].sort((x, y) => x - y));
      }
    }));
  });
});
