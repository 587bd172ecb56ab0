/**
 * The camt reader parses files without namespace prefixes with a parser that does not look for them
 * (faster), and the others with one that removes them: both must read the same file the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CamtReader } from '../../src/adapters/payments/camt.reader.ts';
import { camt053, camt054 } from '../support/camt.ts';

/** The same document with every element prefixed (`<c:Ntry>`), the prefix declared on the root. */
function prefixed(xml: string): string {
  return xml
    .replace(/<(\/?)([A-Za-z_][\w.-]*)/g, (_, slash: string, name: string) => `<${slash}c:${name}`)
    .replace(/<c:Document /, '<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" ');
}

const reader = new CamtReader();
const samples: Record<string, string> = {
  'camt.053 written by the tests': camt053('MSG-1', [{ id: 'S-1', entries: [
    { amount: '20.00', acctSvcrRef: 'ASR-1', txs: [{ amount: '20.00', rf: 'RF18539007547034', payerName: 'CAMILLE LEFEVRE', endToEndId: 'E2E-1' }] },
    { amount: '35.50', batched: true, txs: [{ amount: '15.50', ustrd: 'Dossier RF18 5390 0754 7034', payerName: 'X' }, { amount: '20.00', payerName: 'Y' }] },
    { amount: '12.00', txs: [{ amount: '12.00', payerName: 'Inconnu', ustrd: 'virement' }] },
  ] }]),
  'camt.054 written by the tests': camt054('NTF-1', [{ id: 'N-1', entries: [{ amount: '5.00', direction: 'DBIT', txs: [{ amount: '5.00', returnReason: 'AC04', endToEndId: 'E2E-1' }] }] }]),
  'genkgo/camt multi-statement sample': fs.readFileSync(path.join(import.meta.dirname, '../fixtures/camt/genkgo/camt053.v2.multi.statement.xml'), 'utf8'),
  'genkgo/camt camt.054 sample': fs.readFileSync(path.join(import.meta.dirname, '../fixtures/camt/genkgo/camt054.v2.xml'), 'utf8'),
};

describe('camt reader and namespace prefixes', () => {
  for (const [name, xml] of Object.entries(samples)) {
    it(`reads ${name} the same with and without prefixes`, () => {
      const plain = reader.read(Buffer.from(xml));
      expect(plain.transactions.length).toBeGreaterThan(0);
      const withPrefixes = prefixed(xml);
      expect(withPrefixes).toContain('<c:Ntry>');
      expect(reader.read(Buffer.from(withPrefixes))).toEqual(plain);
    });
  }
});
