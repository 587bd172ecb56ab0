import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseSituation } from '../domain/contact-policy/test-situations.ts';

const binary = fileURLToPath(new URL('../../bin/amiable.mjs', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real command, as a user would, with `input` piped to its stdin. */
function amiable(args: readonly string[], input: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binary, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const outputLines = (run: Run): unknown[] => run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);

describe('amiable check contact', () => {
  it('answers each line in order: decisions, and errors for the lines it cannot check; blank lines are skipped', async () => {
    const input = [
      JSON.stringify(baseSituation),
      'not json',
      '',
      JSON.stringify({ ...baseSituation, id: 'bad', channel: 'fax' }),
      JSON.stringify({ ...baseSituation, id: 'sunday', at: '2027-03-14T09:00:00Z' }),
      JSON.stringify({ ...baseSituation, id: 'nowhere', debtor: { postcode: '99999' } }),
    ].join('\n');
    const run = await amiable(['check', 'contact'], `${input}\n`);
    expect(run.code).toBe(0);
    expect(outputLines(run)).toEqual([
      expect.objectContaining({ id: 'base', allowed: true, nextAllowedAt: '2027-03-10T09:00:00Z' }),
      { line: 2, error: expect.stringMatching(/^invalid JSON/) },
      { id: 'bad', line: 4, error: 'channel: must be one of call, sms, email, letter' },
      expect.objectContaining({ id: 'sunday', allowed: false, nextAllowedAt: '2027-03-15T07:00:00Z' }),
      { id: 'nowhere', line: 6, error: expect.stringContaining('unknown postcode') },
    ]);
  }, 30_000);

  it('streams many lines through in order (CRLF line ends too)', async () => {
    const count = 20_000;
    const input = Array.from({ length: count }, (_, index) => JSON.stringify({ ...baseSituation, id: `s${String(index)}` })).join('\r\n');
    const run = await amiable(['check', 'contact'], input);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(count);
    expect(JSON.parse(lines[count - 1] ?? '{}')).toMatchObject({ id: `s${String(count - 1)}`, allowed: true });
    expect(lines.every((line, index) => line.startsWith(`{"id":"s${String(index)}"`))).toBe(true);
  }, 60_000);
});

describe('amiable check limitation', () => {
  it('answers each claim, with an error naming the missing date', async () => {
    const input = [
      JSON.stringify({ id: 'l1', category: 'telecom', debtorType: 'consumer', dueDate: '2025-03-01', firstUnpaidDate: null, titleDate: null, events: [{ type: 'acknowledgement', date: '2025-12-01' }], asOf: '2026-06-01' }),
      JSON.stringify({ id: 'l2', category: 'consumer_credit', asOf: '2026-06-01' }),
    ].join('\n');
    const run = await amiable(['check', 'limitation'], input);
    expect(run.code).toBe(0);
    expect(outputLines(run)).toEqual([
      expect.objectContaining({ id: 'l1', expiresOn: '2026-12-01', status: 'running', basis: 'CPCE-télécom L34-2; C. civ. 2240' }),
      { id: 'l2', line: 2, error: 'firstUnpaidDate is required for category consumer_credit' },
    ]);
  }, 30_000);

  it('explains its usage when the kind is missing or unknown', async () => {
    const run = await amiable(['check', 'weather'], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: amiable check contact|limitation');
  }, 30_000);
});
