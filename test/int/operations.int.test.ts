/**
 * Operations over HTTP (issue #9): the Prometheus endpoint and who may read it, request ids, compliance
 * refusals counted by rule, and the dead-letter view with its retry, against a real failing job.
 */
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../src/adapters/observability/prometheus.metrics.ts';
import type { JobAdmin } from '../../src/application/jobs/dead-letters.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { RegisteredJob } from '../../src/server/jobs/job-context.ts';
import { startJobWorkers, type JobWorkers } from '../../src/server/jobs/job-workers.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const metricsToken = 'scraper-token-0123456789abcdef';
let h: TestApp;
let workers: JobWorkers;
const metrics = new PrometheusMetrics({ defaultMetrics: true });
let failing = true;
const attempts: number[] = [];

const flakyJob: RegisteredJob = {
  definition: {
    name: 'test.flaky-provider', version: 1, payload: Type.Object({ n: Type.Integer() }), idempotencyKey: (p) => `flaky:${(p as { n: number }).n}`,
    retry: { limit: 1, delaySeconds: 1, backoff: false }, expireInSeconds: 60, description: 'Fails while the provider is down.',
  },
  handler: () => async (_payload, meta) => {
    attempts.push(meta.attempt);
    if (failing) throw new Error(`provider down (attempt ${meta.attempt})`);
    return { ok: true };
  },
};

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  const admin: JobAdmin = { deadLetters: (limit) => workers.runner.deadLetters(limit), retryDeadById: (id) => workers.runner.retryDeadById(id) };
  h = await createTestApp({ env: { METRICS_TOKEN: metricsToken }, compose: { metrics, jobs: admin } });
  workers = await startJobWorkers({
    config: loadConfig({ NODE_ENV: 'test' }), database: h.t.database, log: h.app.log, metrics, registry: [flakyJob], pollingIntervalSeconds: 0.5, schedules: false,
  });
});
afterAll(async () => {
  await workers?.stop(2_000);
  await h?.close();
});

describe('GET /metrics', () => {
  it('is refused without credentials, with a wrong token and to a non-admin session; served to the scraper token and to an admin', async () => {
    expect((await h.app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await h.app.inject({ url: '/metrics', headers: { authorization: 'Bearer not-the-token-0123456789' } })).statusCode).toBe(401);
    const manager = await h.logIn(await h.createUser('manager'));
    const refused = await h.app.inject({ url: '/metrics', headers: { cookie: manager.cookie } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden' });

    const scraped = await h.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const admin = await h.logIn(await h.createUser('admin'));
    const byAdmin = await h.app.inject({ url: '/metrics', headers: { cookie: admin.cookie } });
    expect(byAdmin.statusCode).toBe(200);
    // Default process metrics are there.
    expect(byAdmin.body).toMatch(/^amiable_process_resident_memory_bytes \d+/m);
  });

  it('counts and times requests by route pattern and status', async () => {
    await h.app.inject({ url: '/healthz' });
    await h.app.inject({ url: '/api/v1/cases/01a21948-619c-7571-9a2f-5ac7c199245a' });
    const body = (await h.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } })).body;
    expect(body).toMatch(/^amiable_http_requests_total\{method="GET",route="\/healthz",status="200"\} [1-9]\d*$/m);
    // The pattern, not the URL: ids never multiply the series.
    expect(body).toMatch(/^amiable_http_requests_total\{method="GET",route="\/api\/v1\/cases\/:caseId",status="401"\} [1-9]\d*$/m);
    expect(body).not.toContain('01a21948-619c-7571-9a2f-5ac7c199245a');
    expect(body).toMatch(/^amiable_http_request_duration_seconds_bucket\{le="0\.2",method="GET",route="\/healthz",status="200"\} [1-9]\d*$/m);
  });

  it('counts the compliance engine\'s refusals by rule', async () => {
    const agent = await h.logIn(await h.createUser('agent'));
    // A call on a Sunday in Paris: refused by the calling-days rule.
    const response = await h.app.inject({
      method: 'POST', url: '/api/v1/compliance/contact-decisions', headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
      payload: [{ id: 's1', at: '2027-03-28T10:00:00Z', channel: 'call', debtor: { postcode: '75011' }, case: { status: 'active', noticeSentAt: '2027-03-01T10:00:00Z' } }],
    });
    expect(response.statusCode).toBe(200);
    const [decision] = response.json() as { allowed: boolean; reasons: { rule: string }[] }[];
    expect(decision!.allowed).toBe(false);
    const body = (await h.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } })).body;
    for (const { rule } of decision!.reasons) {
      expect(body).toMatch(new RegExp(`^amiable_compliance_refusals_total\\{rule="${rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}",source="compliance_api"\\} [1-9]\\d*$`, 'm'));
    }
  });
});

describe('request ids', () => {
  it('returns the caller\'s x-request-id, logs it, and replaces one that is not a plain token', async () => {
    const kept = await h.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.42');
    expect(h.logs.some((line) => line.reqId === 'lb-7f3a.42')).toBe(true);
    const replaced = await h.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nforged log line' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await h.app.inject({ url: '/api/v1/nowhere', headers: { 'x-request-id': 'trace-1' } });
    expect(problem.json()).toMatchObject({ instance: 'trace-1' });
  });
});

describe('dead letters', () => {
  it('lists a job that used up its retries with its error, only to admins and managers, and runs it again on request', async () => {
    const id = await workers.runner.enqueue('test.flaky-provider', { n: 1 });
    await until(async () => (await workers.runner.deadLetters(100)).some((d) => d.id === id));
    expect(attempts).toEqual([1, 2]);

    const agent = await h.logIn(await h.createUser('agent'));
    expect((await h.app.inject({ url: '/api/v1/jobs/dead-letters', headers: { cookie: agent.cookie } })).statusCode).toBe(403);
    const manager = await h.logIn(await h.createUser('manager'));
    const listed = await h.app.inject({ url: '/api/v1/jobs/dead-letters', headers: { cookie: manager.cookie } });
    expect(listed.statusCode).toBe(200);
    const item = (listed.json() as { items: { id: string }[] }).items.find((d) => d.id === id);
    expect(item).toMatchObject({ name: 'test.flaky-provider', payload: { n: 1 }, attempts: 2, error: expect.stringContaining('provider down (attempt 2)') });

    // The job counts: two failed runs.
    const before = (await h.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } })).body;
    expect(before).toMatch(/^amiable_jobs_total\{job="test\.flaky-provider",outcome="failed"\} 2$/m);

    // Without the CSRF token: refused; an unknown id: 404; then the real retry.
    expect((await h.app.inject({ method: 'POST', url: `/api/v1/jobs/dead-letters/${id}/retry`, headers: { cookie: manager.cookie } })).statusCode).toBe(403);
    const unknown = await h.app.inject({ method: 'POST', url: '/api/v1/jobs/dead-letters/01a21948-619c-7571-9a2f-5ac7c199245a/retry', headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken } });
    expect(unknown.statusCode).toBe(404);
    failing = false;
    const retried = await h.app.inject({ method: 'POST', url: `/api/v1/jobs/dead-letters/${id}/retry`, headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrfToken } });
    expect(retried.statusCode).toBe(202);
    await until(async () => !(await workers.runner.deadLetters(100)).some((d) => d.id === id) && attempts.length === 3);
    await until(async () => /amiable_jobs_total\{job="test\.flaky-provider",outcome="completed"\} 1$/m.test(
      (await h.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${metricsToken}` } })).body));
  });
});
