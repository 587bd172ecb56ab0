/**
 * Fuzzing row validation (issue #9): any cells under any known column give a claim or errors, each
 * naming its column (or '' for the record as a whole) with a bilingual reason; never a throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CivilDate } from '../time/index.ts';
import { repeatableColumns, singleColumns } from './columns.ts';
import { validateRow } from './validate-row.ts';

const keys = [...singleColumns.map((c) => c.key), ...repeatableColumns.flatMap((c) => Array.from({ length: c.max }, (_, i) => (i === 0 ? c.key : `${c.key}_${i + 1}`)))];
const plausible = fc.constantFrom('', ' ', '0', '-1', '1 234,56', '12.345', '1e3', '31/12/2024', '2024-02-30', '2025-01-01', '0612345678', '+590690123456',
  '+33899123456', 'a@b', 'x@example.org', 'consumer', 'professionnel', 'telecom', 'energie', 'M.', 'Mme', '75011', '97110', '20000', 'é'.repeat(300), '"', '=1+1');
const cellValue = fc.oneof(plausible, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));

describe('validateRow under fuzzing', () => {
  it('never throws; every error names a known column and carries a French and an English reason', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...keys), cellValue), (values) => {
      const result = validateRow(values, '2026-11-26' as CivilDate);
      if (result.ok) return;
      expect(result.errors.length).toBeGreaterThan(0);
      for (const error of result.errors) {
        expect(['', ...keys]).toContain(error.column);
        expect(error.reason.en.length).toBeGreaterThan(0);
        expect(error.reason.fr.length).toBeGreaterThan(0);
        expect(error.value.length).toBeLessThanOrEqual(110);
      }
    }), { numRuns: 600 });
  }, 120_000);
});
