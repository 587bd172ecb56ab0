import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/server/compose.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let h: TestApp;
let agent: { cookie: string; csrfToken: string };
beforeAll(async () => {
  h = await createTestApp();
  agent = await h.logIn(await h.createUser('agent'));
});
afterAll(async () => h?.close());

// The issue's own example: Good Friday 2027 is a public holiday in Moselle (C. trav. L3134-13).
const situation = {
  id: 's1', at: '2027-03-26T09:15:00Z', channel: 'call', purpose: 'collection', profile: 'fr-amiable',
  debtor: { postcode: '57000', country: 'FR', timeZone: null, phone: '+33387000000' },
  case: { status: 'active', noticeSentAt: '2027-03-01T10:00:00Z', limitationExpiresOn: '2028-01-10' },
  suspensions: [], preferences: { writtenOnly: false, optOut: ['sms'], quietHours: [], wrongNumbers: [] }, history: [],
};

const post = (url: string, payload: unknown, session = agent) =>
  h.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });

describe('POST /api/v1/compliance/contact-decisions', () => {
  it('answers one decision per situation, in order, with per-item errors', async () => {
    const response = await post('/api/v1/compliance/contact-decisions', [situation, { id: 'bad', at: 'yesterday' }, { ...situation, id: 's3', at: '2027-03-27T09:15:00Z' }]);
    expect(response.statusCode).toBe(200);
    const [holiday, bad, saturday] = response.json() as Record<string, unknown>[];
    expect(holiday).toMatchObject({
      id: 's1', allowed: false, territory: 'FR-57', nextAllowedAt: '2027-03-27T07:00:00Z', localTime: '2027-03-26T10:15:00+01:00',
      reasons: [{ rule: 'public-holiday', kind: 'policy', citation: expect.any(String), message: { fr: expect.any(String), en: expect.any(String) } }],
    });
    expect(bad).toMatchObject({ id: 'bad', index: 1, error: expect.any(String) });
    expect(saturday).toMatchObject({ id: 's3', allowed: true, reasons: [] });
  });

  it('gives exactly what `amiable check contact` gives for the same lines', async () => {
    const items = [situation, { ...situation, id: 's2', channel: 'sms' }];
    const http = (await post('/api/v1/compliance/contact-decisions', items)).json() as Record<string, unknown>[];
    const cli = spawnSync(process.execPath, [path.join(projectRoot, 'bin/amiable.mjs'), 'check', 'contact'], {
      input: items.map((i) => JSON.stringify(i)).join('\n'), encoding: 'utf8', cwd: projectRoot,
    });
    expect(cli.status).toBe(0);
    expect(cli.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual(http);
  });

  it('refuses a body that is not an array, or too large, as a problem', async () => {
    const notArray = await post('/api/v1/compliance/contact-decisions', situation);
    expect(notArray.statusCode).toBe(400);
    expect(notArray.json()).toMatchObject({ code: 'validation_failed' });
    const tooMany = await post('/api/v1/compliance/contact-decisions', Array.from({ length: 1001 }, () => situation));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().detail).toContain('At most 1000');
  });

  it('is for staff: a creditor user is refused', async () => {
    const creditor = await h.logIn(await h.createUser('creditor'));
    const response = await post('/api/v1/compliance/contact-decisions', [situation], creditor);
    expect(response.statusCode).toBe(403);
  });
});

describe('POST /api/v1/compliance/limitations', () => {
  it('computes the issue\'s telecom example: interrupted by an acknowledgement', async () => {
    const response = await post('/api/v1/compliance/limitations', [{
      id: 'l1', category: 'telecom', debtorType: 'consumer', dueDate: '2025-03-01', firstUnpaidDate: null, titleDate: null,
      events: [{ type: 'acknowledgement', date: '2025-12-01' }], asOf: '2026-06-01',
    }]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([expect.objectContaining({
      id: 'l1', kind: 'prescription', expiresOn: '2026-12-01', status: 'running', basis: 'CPCE-télécom L34-2; C. civ. 2240',
    })]);
  });
});

describe('the OpenAPI document', () => {
  it('documents both compliance routes with the engine\'s schemas', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, { post: { requestBody: unknown } }> };
    const body = JSON.stringify(doc.paths['/api/v1/compliance/contact-decisions']?.post.requestBody);
    expect(body).toContain('quietHours');
    expect(body).toContain('noticeSentAt');
    expect(JSON.stringify(doc.paths['/api/v1/compliance/limitations'])).toContain('firstUnpaidDate');
  });
});
