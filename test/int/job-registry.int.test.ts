/**
 * The registered jobs (docs/jobs.md) on a real database: each does its work, and running it again
 * changes nothing (the idempotency each definition documents). One also goes through the queue.
 */
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/adapters/db/ids.ts';
import { caseEvents, caughtMessages, cases, outbox, planInstalments, plans, promises, rightsRequests, sessions, users } from '../../src/adapters/db/schema.ts';
import { buildPlan, buildPromise } from '../../src/adapters/db/seed/factories.ts';
import { loadConfig } from '../../src/server/config.ts';
import { firstLettersJob } from '../../src/server/jobs/first-letters.job.ts';
import { instalmentRemindersJob } from '../../src/server/jobs/instalment-reminders.job.ts';
import type { JobContext } from '../../src/server/jobs/job-context.ts';
import { buildJobContext, startJobWorkers } from '../../src/server/jobs/job-workers.ts';
import { outboxSendJob } from '../../src/server/jobs/outbox-send.job.ts';
import { jobRegistry } from '../../src/server/jobs/registry.ts';
import { retentionPurgeJob } from '../../src/server/jobs/retention-purge.job.ts';
import { rightsDeadlinesJob } from '../../src/server/jobs/rights-deadlines.job.ts';
import { trackArrangementsJob } from '../../src/server/jobs/track-arrangements.job.ts';
import { insertReachableCase } from '../support/messaging-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let ctx: JobContext;
const log = pino({ level: 'silent' });
const config = loadConfig({ NODE_ENV: 'test', AMIABLE_OUTBOX_INTERVAL_SECONDS: '0' });
const meta = { jobId: 'test', attempt: 1 };

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = buildJobContext({ config, database: t.database, log });
});
afterAll(async () => t?.destroy());

describe('the job registry', () => {
  it('names each job once, with a version, a retry policy, an expiry and a description saying why a rerun is harmless', () => {
    const names = jobRegistry.map((j) => j.definition.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { definition } of jobRegistry) {
      expect(definition.version).toBeGreaterThanOrEqual(1);
      expect(definition.retry.limit).toBeGreaterThan(0);
      expect(definition.expireInSeconds).toBeGreaterThan(0);
      expect(definition.description).toMatch(/Idempotent/);
      // Periodic jobs either have a cron schedule or a sub-minute slot.
      expect(Boolean(definition.schedule) || jobRegistry.find((j) => j.definition === definition)!.every !== undefined).toBe(true);
    }
  });
});

describe('each job does its work once', () => {
  it('daily notice batch: queues the first letter of a new case, and nothing more on a second run', async () => {
    const parties = await insertReachableCase(t.database.db, { case: { status: 'notice_pending' } });
    const first = await firstLettersJob.handler(ctx)({}, meta) as { queued: number };
    expect(first.queued).toBeGreaterThanOrEqual(1);
    const rows = await t.database.db.select().from(outbox).where(eq(outbox.caseId, parties.case.id!));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'letter', template: 'first-letter', idempotencyKey: `first-letter:${parties.case.id}` });
    const second = await firstLettersJob.handler(ctx)({}, meta) as { queued: number };
    expect(second.queued).toBe(0);
    expect(await t.database.db.select().from(outbox).where(eq(outbox.caseId, parties.case.id!))).toHaveLength(1);
  });

  it('instalment reminders: one message per instalment due within 3 days, sent only through the compliance engine', async () => {
    // A case whose first letter went out (later messages quote its reference, R124-4), now under a plan.
    const parties = await insertReachableCase(t.database.db, { case: { status: 'notice_pending' } });
    await firstLettersJob.handler(ctx)({}, meta);
    await t.database.db.update(outbox).set({ status: 'sent', sentAt: new Date('2026-06-10T09:00:00Z') }).where(eq(outbox.caseId, parties.case.id!));
    await t.database.db.update(cases).set({ status: 'plan', noticeSentAt: new Date('2026-06-10T09:00:00Z') }).where(eq(cases.id, parties.case.id!));
    const plan = buildPlan(parties.creditor.id!, parties.case.id!, { totalCents: 12_000, agreedOn: '2027-02-20' });
    await t.database.db.insert(plans).values(plan);
    await t.database.db.insert(planInstalments).values([
      { creditorId: parties.creditor.id!, planId: plan.id!, number: 1, dueOn: '2027-03-12', amountCents: 6_000 },
      { creditorId: parties.creditor.id!, planId: plan.id!, number: 2, dueOn: '2027-04-12', amountCents: 6_000 },
    ]);
    const run = () => instalmentRemindersJob.handler(ctx)({ day: '2027-03-10' }, meta) as Promise<{ queued: number; alreadyQueued: number }>;
    const firstRun = await run();
    expect(firstRun, JSON.stringify(firstRun)).toMatchObject({ queued: 1, alreadyQueued: 0 });
    expect(await run()).toMatchObject({ queued: 0, alreadyQueued: 1 });
    const rows = await t.database.db.select().from(outbox).where(and(eq(outbox.caseId, parties.case.id!), eq(outbox.channel, 'email')));
    expect(rows.map((r) => [r.channel, r.template, r.idempotencyKey])).toEqual([['email', 'plan-confirmation', `instalment-reminder:${plan.id}:1`]]);
    expect(rows[0]!.decision).toBeNull();

    // The outbox job sends it only after the engine decided; the decision is stored with the row.
    await outboxSendJob.handler(ctx)({ slot: 1 }, meta);
    const [sent] = await t.database.db.select().from(outbox).where(eq(outbox.id, rows[0]!.id));
    expect(['sent', 'refused', 'pending']).toContain(sent!.status);
    expect(sent!.decision).toMatchObject({ allowed: expect.any(Boolean), reasons: expect.any(Array) });
    if (sent!.status === 'sent') {
      expect(await t.database.db.select().from(caughtMessages).where(eq(caughtMessages.deliveryKey, sent!.id))).toHaveLength(1);
    }
  });

  it('promise and plan tracking: breaks an unpaid promise after its grace days, and a second run appends nothing', async () => {
    const parties = await insertReachableCase(t.database.db, { case: { status: 'promise' } });
    const promise = buildPromise(parties.creditor.id!, parties.case.id!, { dueOn: '2027-03-15' });
    await t.database.db.insert(promises).values(promise);
    const run = () => trackArrangementsJob.handler(ctx)({ day: '2027-03-26' }, meta) as Promise<{ cases: number; changed: number }>;
    const first = await run();
    expect(first.changed).toBeGreaterThanOrEqual(1);
    expect((await t.database.db.select().from(promises).where(eq(promises.id, promise.id!)))[0]!.status).toBe('broken');
    expect((await t.database.db.select().from(cases).where(eq(cases.id, parties.case.id!)))[0]!.status).toBe('active');
    const events = () => t.database.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, parties.case.id!), eq(caseEvents.type, 'promise.broken')));
    expect(await events()).toHaveLength(1);
    const second = await run();
    expect(second.changed).toBe(0);
    expect(await events()).toHaveLength(1);
  });

  it('retention purge: deletes sessions a day after they expired, keeps live ones, and deletes nothing on a second run', async () => {
    const userId = newId();
    await t.database.db.insert(users).values({ id: userId, email: `purge-${userId}@test.amiable.fr`, displayName: 'p', role: 'agent', passwordHash: 'x' });
    const now = Date.now();
    const session = (id: string, expiresAt: Date) => ({ id, userId, csrfToken: 'c', lastSeenAt: new Date(now - 86_400_000 * 3), expiresAt });
    await t.database.db.insert(sessions).values([session(`old-${userId}`, new Date(now - 2 * 86_400_000)), session(`live-${userId}`, new Date(now + 3_600_000))]);
    const first = await retentionPurgeJob.handler(ctx)({}, meta) as { sessions: number };
    expect(first.sessions).toBeGreaterThanOrEqual(1);
    const left = await t.database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
    expect(left.map((s) => s.id)).toEqual([`live-${userId}`]);
    expect(await retentionPurgeJob.handler(ctx)({}, meta)).toMatchObject({ sessions: 0 });
  });
});

describe('GDPR deadline alerts (Art. 12(3))', () => {
  it('alerts once per request and stage: due within a week, then overdue; answered and far-off requests are left alone', async () => {
    const parties = await insertReachableCase(t.database.db, { case: { status: 'active' } });
    const request = (dueOn: string, status: 'open' | 'extended' | 'answered' = 'open', extendedDueOn: string | null = null) => ({
      creditorId: parties.creditor.id!, id: newId(), caseId: parties.case.id!, debtorId: parties.debtor.id!, kind: 'access' as const, status,
      receivedAt: new Date('2026-05-01T10:00:00Z'), receivedOn: '2026-05-01', dueOn, extendedDueOn,
    });
    const dueSoon = request('2026-06-13');
    const late = request('2026-06-08');
    const farOff = request('2026-07-20');
    const answered = request('2026-06-01', 'answered');
    const extended = request('2026-06-01', 'extended', '2026-08-01'); // extended in time: not late
    await t.database.db.insert(rightsRequests).values([dueSoon, late, farOff, answered, extended]);
    const alerts = async () => (await t.database.db.select().from(caseEvents)
      .where(and(eq(caseEvents.caseId, parties.case.id!), eq(caseEvents.type, 'rights_request.deadline_alert'))))
      .map((e) => `${(e.data as { requestId: string }).requestId}:${(e.data as { stage: string }).stage}`).sort();

    expect(await rightsDeadlinesJob.handler(ctx)({ day: '2026-06-10' }, meta)).toEqual({ dueSoon: 1, overdue: 1, alerted: 2 });
    expect(await alerts()).toEqual([`${dueSoon.id}:due-soon`, `${late.id}:overdue`].sort());
    // A rerun the same day records nothing more.
    expect(await rightsDeadlinesJob.handler(ctx)({ day: '2026-06-10' }, meta)).toEqual({ dueSoon: 1, overdue: 1, alerted: 0 });
    // Past its due date, the first request gets its "overdue" alert, once.
    expect(await rightsDeadlinesJob.handler(ctx)({ day: '2026-06-14' }, meta)).toMatchObject({ overdue: 2, alerted: 1 });
    expect(await alerts()).toEqual([`${dueSoon.id}:due-soon`, `${dueSoon.id}:overdue`, `${late.id}:overdue`].sort());
  });
});

describe('through the queue', () => {
  it('runs an enqueued job in the worker; the same work enqueued twice is one job', async () => {
    const parties = await insertReachableCase(t.database.db, { case: { status: 'promise' } });
    await t.database.db.insert(promises).values(buildPromise(parties.creditor.id!, parties.case.id!, { dueOn: '2027-05-01' }));
    const workers = await startJobWorkers({ config, database: t.database, log, pollingIntervalSeconds: 0.5, schedules: false });
    try {
      expect(await workers.runner.enqueue('arrangements.track', { day: '2027-05-20' })).toEqual(expect.any(String));
      expect(await workers.runner.enqueue('arrangements.track', { day: '2027-05-20' })).toBeNull();
      const started = Date.now();
      while ((await t.database.db.select().from(cases).where(eq(cases.id, parties.case.id!)))[0]!.status !== 'active') {
        if (Date.now() - started > 30_000) throw new Error('the job did not run');
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await workers.stop(2_000);
    }
  });
});
