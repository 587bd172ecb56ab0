/** scripts/audit.mjs: an unreachable audit endpoint is told apart from vulnerabilities; the allowlist expires. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, exitCodes, readAllowlist } from '../../scripts/audit.mjs';

// What npm 11 prints with --json when the registry refuses the bulk advisory endpoint (seen here).
const unreachable = { message: '405 Method Not Allowed - POST <registry>/-/npm/v1/security/advisories/bulk', method: 'POST', statusCode: 405, body: '', error: { summary: '', detail: '' } };
const advisory = (id: string, severity: string) => ({ source: 1100000 + id.length, name: 'x', title: `Problem ${id}`, url: `https://github.com/advisories/${id}`, severity, range: '<1.2.3' });
const vulnerable = {
  auditReportVersion: 2,
  vulnerabilities: {
    'left-pad': { name: 'left-pad', severity: 'high', via: [advisory('GHSA-aaaa-bbbb-cccc', 'high')], range: '<1.2.3' },
    'right-pad': { name: 'right-pad', severity: 'moderate', via: [advisory('GHSA-dddd-eeee-ffff', 'moderate')], range: '<2.0.0' },
    // Vulnerable only through left-pad: reported under left-pad.
    wrapper: { name: 'wrapper', severity: 'high', via: ['left-pad'], range: '*' },
  },
  metadata: { vulnerabilities: { high: 2, moderate: 1 } },
};

describe('scripts/audit.mjs', () => {
  it('tells an unreachable endpoint apart from a clean or vulnerable report', () => {
    expect(classify(unreachable, [], '2026-11-26')).toEqual({ status: 'unreachable', detail: unreachable.message });
    expect(classify(null, [], '2026-11-26').status).toBe('unreachable');
    expect(classify({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} }, [], '2026-11-26')).toMatchObject({ status: 'clean', findings: [] });
    const result = classify(vulnerable, [], '2026-11-26');
    expect(result).toMatchObject({ status: 'vulnerable' });
    expect(result.status !== 'unreachable' && result.findings.map((f) => `${f.package} ${f.id}`)).toEqual(['left-pad GHSA-aaaa-bbbb-cccc', 'right-pad GHSA-dddd-eeee-ffff']);
  });

  it('lets an allowlisted advisory pass until its expiry date, and only for its package', () => {
    const allowlist = readAllowlist({ advisories: [
      { id: 'GHSA-aaaa-bbbb-cccc', package: 'left-pad', reason: 'only reached with trusted input', expires: '2026-12-31' },
      { id: 'GHSA-dddd-eeee-ffff', package: 'right-pad', reason: 'fix pending upstream', expires: '2026-11-01' },
    ] });
    const result = classify(vulnerable, allowlist, '2026-11-26');
    if (result.status === 'unreachable') throw new Error('unexpected');
    expect(result.allowed.map((f) => f.package)).toEqual(['left-pad']);
    expect(result.expired.map((f) => f.package)).toEqual(['right-pad']);
    expect(result.status).toBe('vulnerable');
    const later = classify(vulnerable, allowlist.filter((a) => a.package === 'left-pad'), '2027-01-01');
    expect(later.status === 'vulnerable' && later.findings.map((f) => f.package)).toEqual(['left-pad', 'right-pad']);
    expect(classify(vulnerable, [...allowlist.slice(0, 1), { ...allowlist[1]!, expires: '2027-06-30' }], '2026-11-26').status).toBe('clean');
  });

  it('refuses a malformed allowlist (every entry needs an id, a package, a reason and an expiry date)', () => {
    expect(() => readAllowlist({})).toThrow(/advisories/);
    expect(() => readAllowlist({ advisories: [{ id: 'GHSA-x', package: 'p', reason: '', expires: '2027-01-01' }] })).toThrow(/reason/);
    expect(() => readAllowlist({ advisories: [{ id: 'GHSA-x', package: 'p', reason: 'r', expires: 'soon' }] })).toThrow(/YYYY-MM-DD/);
    expect(readAllowlist(JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../audit-allowlist.json'), 'utf8')))).toEqual([]);
  });

  it('exits 3 on an unreachable endpoint and 1 on vulnerabilities, as CI expects', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-audit-'));
    try {
      const run = (report: unknown) => {
        const file = path.join(dir, 'report.json');
        fs.writeFileSync(file, JSON.stringify(report));
        return spawnSync(process.execPath, [path.join(import.meta.dirname, '../../scripts/audit.mjs'), '--report', file], { encoding: 'utf8' });
      };
      const down = run(unreachable);
      expect(down.status).toBe(exitCodes.unreachable);
      expect(down.stderr).toMatch(/registry audit endpoint unreachable/);
      const bad = run(vulnerable);
      expect(bad.status).toBe(exitCodes.vulnerable);
      expect(bad.stderr).toMatch(/VULNERABLE left-pad/);
      expect(run({ auditReportVersion: 2, vulnerabilities: {} }).status).toBe(exitCodes.clean);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
