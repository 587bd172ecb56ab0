#!/usr/bin/env node
/**
 * `npm run bench [name…]`: runs bench/<name>.bench.ts (all of them by default), one after the other,
 * each in its own process so that one benchmark's memory does not skew the next. Every benchmark
 * prints its figures and the ratio to a baseline it measures in the same run (never absolute targets
 * alone: the machine's noise cancels out in the ratio).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));
const available = fs.readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, '')).sort();
// The scale benchmark seeds a million cases (minutes): only when asked for by name (`npm run bench:scale`).
const explicitOnly = ['scale'];
const selected = requested.length ? requested : available.filter((name) => !explicitOnly.includes(name));

console.log(`Amiable benchmarks on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
let failed = false;
for (const name of selected) {
  if (!available.includes(name)) {
    console.error(`unknown benchmark "${name}" (available: ${available.join(', ')})`);
    failed = true;
    continue;
  }
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(benchDir, `${name}.bench.ts`), ...passThrough], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
