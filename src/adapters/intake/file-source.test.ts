import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstInvalidUtf8, openFileSource, scanFile } from './file-source.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-file-source-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: Buffer | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

describe('scanFile', () => {
  it('finds the line and column of the first byte that is not UTF-8 (a Latin-1 file)', async () => {
    const file = write('latin1.csv', Buffer.concat([Buffer.from('nom;ville\nMüller;Zürich\n', 'utf8'), Buffer.from('Lef\xe8vre;Paris\n', 'latin1')]));
    const scan = await scanFile(file);
    expect(scan.encodingError).toEqual({ line: 3, column: 4, byte: 0xe8 });
    expect(scan.sizeBytes).toBe(fs.statSync(file).size);
  });

  it('accepts UTF-8 with a BOM, hashes the content', async () => {
    const file = write('bom.csv', '\uFEFFnom;ville\nLefèvre;Paris\n');
    const scan = await scanFile(file);
    expect(scan.encodingError).toBeNull();
    expect(scan.sha256).toMatch(/^[0-9a-f]{64}$/);
    const source = await openFileSource(file, 'csv');
    expect(source.header).toEqual(['nom', 'ville']);
    const records = [];
    for await (const chunk of source.records()) records.push(...chunk);
    expect(records).toEqual([{ line: 2, endLine: 2, cells: ['Lefèvre', 'Paris'], raw: ['Lefèvre', 'Paris'] }]);
  });

  it('locates overlong and truncated sequences', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from('ok é', 'utf8'))).toBe(5);
  });
});

describe('JSON Lines source', () => {
  it('numbers physical lines, skips blank ones, refuses an endless line without holding it and reads on', async () => {
    const huge = `{"nom":"${'x'.repeat(3 * 1024 * 1024)}"}`;
    const file = write('claims.jsonl', `{"nom":"A"}\n\n${huge}\n{"nom":"B"}\nnot json\n`);
    const records = [];
    for await (const chunk of (await openFileSource(file, 'jsonl')).records()) records.push(...chunk);
    expect(records.map((r) => [r.line, r.fields?.nom ?? null, r.malformed !== undefined])).toEqual([
      [1, 'A', false], [3, null, true], [4, 'B', false], [5, null, true],
    ]);
    expect(String(records[1]!.raw).length).toBeLessThanOrEqual(1000);
  });
});
