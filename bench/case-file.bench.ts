/**
 * Opening a case file on the embedded database: `npm run bench -- case-file [-- --events N]`.
 *
 * A case with 500 events (plus 100 contact attempts, 20 outbox messages, 20 payments), read through
 * the real HTTP route `GET /api/v1/cases/:id/file` (Fastify inject, a manager's session): the case
 * file, its timeline and the engine's decision for each of the four channels. Baseline, same run:
 * `GET /api/v1/cases/:id` (the case summary, one query) on the same server — the ratio says what the
 * whole file costs over the cheapest authenticated read. Goal (issue #6): under 300 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { newId } from '../src/adapters/db/ids.ts';
import { openDatabase } from '../src/adapters/db/open-database.ts';
import { caseEvents, contactAttempts, contactPoints, mandates, payments, users } from '../src/adapters/db/schema.ts';
import { buildContactPoint, buildMandate, insertCaseWithParties, insertSentFirstLetter } from '../src/adapters/db/seed/factories.ts';
import { Argon2PasswordHasher } from '../src/adapters/security/argon2.password-hasher.ts';
import { composeApp } from '../src/server/compose.ts';
import { loadConfig } from '../src/server/config.ts';

const argIndex = process.argv.indexOf('--events');
const eventCount = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 500;
const runs = 40;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-bench-case-file-'));

const database = await openDatabase({ kind: 'embedded', dataDir });
try {
  const db = database.db;
  const { creditor, debtor, case: kase } = await insertCaseWithParties(db, { case: { noticeSentAt: new Date('2026-10-01T09:00:00Z') } });
  const mandate = buildMandate(creditor.id!);
  await db.insert(mandates).values(mandate);
  await db.insert(contactPoints).values([
    buildContactPoint(debtor.id!, { kind: 'phone', value: '+33612345678', isPrimary: true }),
    buildContactPoint(debtor.id!, { kind: 'email', value: 'bench@example.org', isPrimary: true }),
    buildContactPoint(debtor.id!, { kind: 'postal', value: '12 rue Oberkampf, 75011 Paris', isPrimary: true, postal: { lines: ['12 rue Oberkampf'], postcode: '75011', city: 'Paris', country: 'FR' } }),
  ]);
  const c = { creditorId: creditor.id!, caseId: kase.id!, debtorId: debtor.id! };
  await insertSentFirstLetter(db, c, new Date('2026-10-01T09:00:00Z'));
  const start = Date.parse('2026-10-02T09:00:00Z');
  const types = ['contact.attempted', 'note.added', 'message.enqueued', 'promise.created', 'promise.broken', 'case.status_changed', 'identity.checked'];
  for (let i = 0; i < eventCount; i += 100) {
    await db.insert(caseEvents).values(Array.from({ length: Math.min(100, eventCount - i) }, (_, j) => ({
      creditorId: c.creditorId, id: newId(), caseId: c.caseId, at: new Date(start + (i + j) * 3_600_000), type: types[(i + j) % types.length]!,
      actorKind: 'user' as const, actorId: 'bench', data: { n: i + j, text: 'Rappel convenu avec le débiteur, sans suite.' },
    })));
  }
  await db.insert(contactAttempts).values(Array.from({ length: 100 }, (_, n) => ({
    creditorId: c.creditorId, id: newId(), caseId: c.caseId, debtorId: c.debtorId, channel: 'call' as const, purpose: 'collection' as const,
    at: new Date(start + n * 86_400_000 / 4), outcome: 'no_answer', allowed: true, decision: { allowed: true, reasons: [] },
  })));
  await db.insert(payments).values(Array.from({ length: 20 }, (_, n) => ({
    creditorId: c.creditorId, id: newId(), caseId: c.caseId, amountCents: 500, valueDate: '2026-11-01', receivedAt: new Date(start + n * 86_400_000),
    method: 'transfer' as const, source: 'bench', externalRef: `bench-${n}`, allocation: {}, recordedBy: 'bench',
  })));
  const password = 'bench-password-2026';
  await db.insert(users).values({ id: newId(), email: 'bench-manager@amiable.test', displayName: 'Bench', role: 'manager', passwordHash: await new Argon2PasswordHasher().hash(password) });

  const app = await composeApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database, serveWeb: false });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'bench-manager@amiable.test', password } });
  const cookie = `amiable_session=${login.cookies.find((k) => k.name === 'amiable_session')!.value}`;

  const time = async (url: string): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < runs + 5; i++) {
      const t0 = performance.now();
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      const ms = performance.now() - t0;
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
      if (i >= 5) samples.push(ms);
    }
    return samples.sort((a, b) => a - b);
  };
  const q = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))]!;
  const file = await time(`/api/v1/cases/${c.caseId}/file`);
  const baseline = await time(`/api/v1/cases/${c.caseId}`);
  const body = (await app.inject({ method: 'GET', url: `/api/v1/cases/${c.caseId}/file`, headers: { cookie } })).json() as { timeline: unknown[] };
  console.log(`case with ${eventCount} events, ${body.timeline.length} timeline entries, embedded database, ${runs} runs each`);
  console.log(`GET /api/v1/cases/:id/file   median ${q(file, 0.5).toFixed(1)} ms  p95 ${q(file, 0.95).toFixed(1)} ms  max ${file.at(-1)!.toFixed(1)} ms`);
  console.log(`baseline GET /api/v1/cases/:id median ${q(baseline, 0.5).toFixed(1)} ms  p95 ${q(baseline, 0.95).toFixed(1)} ms`);
  console.log(`ratio file/baseline (median): ${(q(file, 0.5) / q(baseline, 0.5)).toFixed(1)}×   goal: p95 < 300 ms → ${q(file, 0.95) < 300 ? 'met' : 'NOT met'}`);
  await app.close();
} finally {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
