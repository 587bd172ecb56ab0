/**
 * The layer rules are part of the build: these tests prove that the lint configuration really fails
 * on a domain module that does I/O, reads the clock, or imports an outer layer.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const probes: Record<string, string> = {
  'node-fs': "import x from 'node:fs';\nexport const y = x;\n",
  'node-net': "import x from 'node:net';\nexport const y = x;\n",
  pg: "import x from 'pg';\nexport const y = x;\n",
  drizzle: "import { sql } from 'drizzle-orm';\nexport const y = sql;\n",
  fastify: "import x from 'fastify';\nexport const y = x;\n",
  pglite: "import { PGlite } from '@electric-sql/pglite';\nexport const y = PGlite;\n",
  'new-date': 'export const now = () => new Date();\n',
  'date-now': 'export const now = () => Date.now();\n',
  'math-random': 'export const r = () => Math.random();\n',
  'process-env': 'export const env = () => process.env.X;\n',
  'date-from-argument': 'export const at = (iso: string) => new Date(iso);\n',
};

/** Lints throw-away modules written inside src/domain, exactly as `npm run lint` would see them. */
async function lintDomainProbes(): Promise<Record<string, string>> {
  const dir = path.join(root, 'src/domain/zz-lint-probe');
  fs.mkdirSync(dir, { recursive: true });
  try {
    for (const [name, source] of Object.entries(probes)) fs.writeFileSync(path.join(dir, `${name}.ts`), source);
    const results = await new ESLint({ cwd: root }).lintFiles([path.join(dir, '*.ts')]);
    return Object.fromEntries(results.map((r) => [path.basename(r.filePath, '.ts'), r.messages.map((m) => m.message).join('\n')]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the pure core stays pure', () => {
  it('refuses I/O modules, the clock, hidden randomness and the environment in src/domain', async () => {
    const messages = await lintDomainProbes();
    for (const probe of ['node-fs', 'node-net', 'pg', 'drizzle', 'fastify', 'pglite']) expect(messages[probe], probe).toMatch(/src\/domain is pure/);
    expect(messages['new-date']).toMatch(/No clock/);
    expect(messages['date-now']).toMatch(/No clock/);
    expect(messages['math-random']).toMatch(/randomness/);
    expect(messages['process-env']).toMatch(/No environment/);
    // A date built from an argument is fine: time is passed in.
    expect(messages['date-from-argument']).toBe('');
  }, 60_000);

  it('refuses an inner layer importing an outer one (dependency-cruiser)', () => {
    const probeDir = path.join(root, 'src/domain/zz-layer-probe');
    fs.mkdirSync(probeDir, { recursive: true });
    fs.writeFileSync(path.join(probeDir, 'probe.ts'), "import { startServer } from '../../server/start.ts';\nexport const probe = startServer;\n");
    try {
      let output = '';
      try {
        execFileSync(process.execPath, [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src/domain', '--config', '.dependency-cruiser.cjs'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout);
      }
      expect(output).toContain('domain-is-innermost');
    } finally {
      fs.rmSync(probeDir, { recursive: true, force: true });
    }
  }, 60_000);
});
