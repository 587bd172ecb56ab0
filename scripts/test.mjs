#!/usr/bin/env node
/**
 * `npm test`: every tier, on every database target, under non-UTC time zones (DESIGN.md §3.2, §3.8).
 *   1. unit tests, twice: TZ=Pacific/Auckland and TZ=America/Los_Angeles (DST on both hemispheres);
 *   2. integration tests on the embedded database (PGlite), TZ=Pacific/Auckland;
 *   3. integration tests on PostgreSQL (AMIABLE_TEST_DATABASE_URL, DATABASE_URL or 127.0.0.1:5432/test), TZ=Europe/Paris;
 *   4. resilience tests (private PostgreSQL clusters restarted, workers killed, a full disk), TZ=Europe/Paris;
 *   5. end-to-end tests in headless Chromium, TZ=America/Los_Angeles.
 * Each pass prints its test count; the run fails if any pass fails or runs no test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const only = process.argv.slice(2);

const passes = [
  { name: 'unit (TZ=Pacific/Auckland)', project: 'unit', env: { TZ: 'Pacific/Auckland' } },
  { name: 'unit (TZ=America/Los_Angeles)', project: 'unit', env: { TZ: 'America/Los_Angeles' } },
  { name: 'integration on the embedded database (TZ=Pacific/Auckland)', project: 'int', env: { TZ: 'Pacific/Auckland', AMIABLE_TEST_DB: 'embedded' } },
  { name: 'integration on PostgreSQL (TZ=Europe/Paris)', project: 'int', env: { TZ: 'Europe/Paris', AMIABLE_TEST_DB: 'postgres' } },
  { name: 'resilience: database restarts, killed workers, full disk (TZ=Europe/Paris)', project: 'resilience', env: { TZ: 'Europe/Paris' } },
  { name: 'end-to-end in headless Chromium (TZ=America/Los_Angeles)', project: 'e2e', env: { TZ: 'America/Los_Angeles' } },
].filter((p) => only.length === 0 || only.includes(p.project));

function ensureWebBuild() {
  if (fs.existsSync(path.join(root, 'web', 'dist', 'index.html'))) return;
  console.log('\n▶ building the web application (needed by the server and the browser tests)');
  const result = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function runPass(pass) {
  const report = path.join(os.tmpdir(), `amiable-vitest-${process.pid}-${pass.project}-${Date.now()}.json`);
  console.log(`\n▶ ${pass.name}`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [vitest, 'run', '--project', pass.project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root, stdio: 'inherit', env: { ...process.env, ...pass.env },
  });
  let counts = { total: 0, passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts = { total: json.numTotalTests, passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
    fs.rmSync(report, { force: true });
  }
  // A skipped test is a test that did not run: it fails the run like a failed one.
  const ok = result.status === 0 && counts.total > 0 && counts.failed === 0 && counts.skipped === 0;
  return { ...pass, ok, counts, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

ensureWebBuild();
const results = passes.map(runPass);
console.log('\nSummary');
for (const r of results) {
  console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: ${r.counts.passed}/${r.counts.total} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped (${r.seconds} s)`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
