#!/usr/bin/env node
/**
 * `npm run audit` (and CI): `npm audit --omit=dev --json` against a documented allowlist
 * (audit-allowlist.json, docs/security.md). Tells "the registry's audit endpoint could not be reached"
 * apart from "vulnerabilities were found": on this workplace the endpoint answers 405, and a silent
 * pass would be a lie.
 *
 * Exit codes: 0 no vulnerability outside the allowlist · 1 vulnerabilities found (listed) ·
 * 2 the allowlist is malformed · 3 the audit endpoint is unreachable (nothing was audited).
 * Options: --json (print the classification as JSON), --report FILE (read a saved `npm audit --json`
 * output instead of running npm).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const exitCodes = { clean: 0, vulnerable: 1, badAllowlist: 2, unreachable: 3 };

/** Validates the allowlist: { advisories: [{ id, package, reason, expires: 'YYYY-MM-DD' }] }. */
export function readAllowlist(json) {
  if (!json || typeof json !== 'object' || !Array.isArray(json.advisories)) throw new Error('audit-allowlist.json must be { "advisories": [...] }');
  for (const [i, entry] of json.advisories.entries()) {
    for (const field of ['id', 'package', 'reason', 'expires']) {
      if (typeof entry?.[field] !== 'string' || entry[field].trim() === '') throw new Error(`advisories[${i}].${field} is required (a non-empty string)`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.expires)) throw new Error(`advisories[${i}].expires must be YYYY-MM-DD`);
  }
  return json.advisories;
}

/** The advisory ids a `via` entry carries: its GHSA id (from the URL), its URL and its numeric source. */
function idsOf(via) {
  const ids = [];
  if (typeof via.url === 'string') {
    ids.push(via.url);
    const ghsa = /GHSA-[\w-]+/i.exec(via.url);
    if (ghsa) ids.push(ghsa[0]);
  }
  if (via.source !== undefined) ids.push(String(via.source));
  return ids;
}

/**
 * Classifies the output of `npm audit --json`: { status: 'unreachable', detail } when npm could not
 * get an answer; otherwise { status: 'clean' | 'vulnerable', findings, allowed, expired }.
 */
export function classify(report, allowlist, today) {
  if (!report || typeof report !== 'object') return { status: 'unreachable', detail: 'npm audit printed no JSON' };
  if (!report.vulnerabilities || typeof report.vulnerabilities !== 'object') {
    const detail = report.message ?? report.error?.summary ?? (report.statusCode ? `HTTP ${report.statusCode}` : 'no vulnerability report in the answer');
    return { status: 'unreachable', detail: String(detail) };
  }
  const findings = [];
  const allowed = [];
  const expired = [];
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities)) {
    // Only direct advisories: a package vulnerable through another one is reported under that one.
    for (const via of (vulnerability.via ?? []).filter((v) => typeof v === 'object' && v !== null)) {
      const ids = idsOf(via);
      const entry = allowlist.find((a) => a.package === name && ids.includes(a.id));
      const finding = { package: name, severity: via.severity ?? vulnerability.severity, title: via.title ?? '', id: ids.find((i) => /^GHSA-/i.test(i)) ?? ids[0] ?? '?', range: via.range ?? vulnerability.range ?? '' };
      if (entry && entry.expires >= today) allowed.push({ ...finding, reason: entry.reason, expires: entry.expires });
      else if (entry) expired.push({ ...finding, expires: entry.expires });
      else findings.push(finding);
    }
  }
  const all = [...findings, ...expired].sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
  return { status: all.length === 0 ? 'clean' : 'vulnerable', findings: all, allowed, expired };
}

function runNpmAudit() {
  const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 180_000, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return null;
  try {
    return JSON.parse(result.stdout);
  } catch {
    return null;
  }
}

async function main(args) {
  const json = args.includes('--json');
  const reportIndex = args.indexOf('--report');
  let allowlist;
  try {
    allowlist = readAllowlist(JSON.parse(fs.readFileSync(path.join(root, 'audit-allowlist.json'), 'utf8')));
  } catch (error) {
    console.error(`audit: ${error.message}`);
    return exitCodes.badAllowlist;
  }
  const report = reportIndex >= 0 ? JSON.parse(fs.readFileSync(args[reportIndex + 1], 'utf8')) : runNpmAudit();
  const result = classify(report, allowlist, new Date().toISOString().slice(0, 10));
  if (json) console.log(JSON.stringify(result, null, 2));
  if (result.status === 'unreachable') {
    if (!json) console.error(`audit: registry audit endpoint unreachable (${result.detail}): production dependencies were NOT audited`);
    return exitCodes.unreachable;
  }
  if (!json) {
    for (const a of result.allowed) console.log(`audit: allowed until ${a.expires}: ${a.package} ${a.id} (${a.severity}) — ${a.reason}`);
    for (const f of result.findings) console.error(`audit: VULNERABLE ${f.package} ${f.range} ${f.id} (${f.severity}) ${f.title}${f.expires ? ` — allowlist entry expired ${f.expires}` : ''}`);
    if (result.status === 'clean') console.log(`audit: no vulnerability in production dependencies outside the allowlist (${result.allowed.length} allowed)`);
  }
  return result.status === 'clean' ? exitCodes.clean : exitCodes.vulnerable;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(await main(process.argv.slice(2)));
}
