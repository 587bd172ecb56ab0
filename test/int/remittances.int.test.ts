/**
 * Remittance statements (issue #7 part B): collected amounts per creditor and period from the payments
 * table, the commission per mandate, the amount to pay over, CSV and PDF; each payment remitted once;
 * the R124-6 alert when collected funds wait more than one month.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildDebtor, buildMandate, buildPayment } from '../../src/adapters/db/seed/factories.ts';
import { cases, debtors, mandates, payments } from '../../src/adapters/db/schema.ts';
import { createTestApp, TestClock, type TestApp } from '../support/test-app.ts';
import { insertCreditor } from '../support/intake.ts';

let h: TestApp;
let creditorA: string;
let creditorB: string;
let manager: Record<string, string>;
let creditorUserB: Record<string, string>;
const clock = new TestClock(new Date('2027-04-20T09:00:00Z'));

async function caseWithMandate(creditorId: string, commissionBps: number, reference: string) {
  const mandate = buildMandate(creditorId, { commissionBps, reference });
  await h.t.database.db.insert(mandates).values(mandate);
  const debtor = buildDebtor();
  await h.t.database.db.insert(debtors).values(debtor);
  const row = buildCase(creditorId, debtor.id!, { mandateId: mandate.id!, principalCents: 1_000_000 });
  await h.t.database.db.insert(cases).values(row);
  return row.id!;
}

beforeAll(async () => {
  h = await createTestApp({ clock });
  creditorA = await insertCreditor(h.t.database, 'Créancier A');
  creditorB = await insertCreditor(h.t.database, 'Créancier B');
  const m = await h.logIn(await h.createUser('manager'));
  manager = { cookie: m.cookie, 'x-csrf-token': m.csrfToken };
  const c = await h.logIn(await h.createUser('creditor', { creditorId: creditorB }));
  creditorUserB = { cookie: c.cookie, 'x-csrf-token': c.csrfToken };
  const case15 = await caseWithMandate(creditorA, 1500, 'MAND-A-15');
  const case10 = await caseWithMandate(creditorA, 1000, 'MAND-A-10');
  await h.t.database.db.insert(payments).values([
    buildPayment(creditorA, case15, { amountCents: 10_000, valueDate: '2027-03-02', method: 'transfer' }),
    buildPayment(creditorA, case15, { amountCents: 2_000, valueDate: '2027-03-10', method: 'creditor_direct' }),
    buildPayment(creditorA, case10, { amountCents: 333, valueDate: '2027-03-15', method: 'card' }),
    buildPayment(creditorA, case10, { amountCents: 777, valueDate: '2027-04-05', method: 'card' }), // next period
  ]);
});
afterAll(async () => h?.close());

let remittanceId: string;

describe('remittances', () => {
  it('alerts on funds collected more than one month ago and not paid over (CPCE-exéc R124-6)', async () => {
    const alerts = await h.app.inject({ method: 'GET', url: '/api/v1/remittances/alerts', headers: manager });
    expect(alerts.statusCode).toBe(200);
    expect(alerts.json()).toEqual({
      asOf: '2027-04-20',
      items: [{ creditorId: creditorA, creditorName: 'Créancier A', heldCents: 11_110, overdueCents: 10_333, overdueCount: 2, oldestCollectedOn: '2027-03-02', deadline: '2027-04-02', daysOverdue: 18 }],
    });
  });

  it('issues the statement of a period: per mandate, commission on everything collected, what the agency pays over', async () => {
    const issued = await h.app.inject({ method: 'POST', url: '/api/v1/remittances', headers: manager, payload: { creditorId: creditorA, periodFrom: '2027-03-01', periodTo: '2027-03-31' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const body = issued.json() as { id: string; summary: unknown[] };
    remittanceId = body.id;
    expect(body).toMatchObject({
      status: 'issued', collectedCents: 10_333, directCents: 2_000, reversedCents: 0,
      // 15 % of 120.00 = 18.00; 10 % of 3.33 = 0.333 → 0.33 (half away from zero)
      commissionCents: 1_800 + 33, payableCents: 10_333 - 1_833,
    });
    expect(body.summary).toEqual([
      expect.objectContaining({ mandateReference: 'MAND-A-10', commissionBps: 1000, collectedCents: 333, netCents: 333, commissionCents: 33 }),
      expect.objectContaining({ mandateReference: 'MAND-A-15', commissionBps: 1500, collectedCents: 10_000, directCents: 2_000, netCents: 12_000, commissionCents: 1_800 }),
    ]);
    // Each payment is remitted once: the same period again has nothing left.
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/remittances', headers: manager, payload: { creditorId: creditorA, periodFrom: '2027-03-01', periodTo: '2027-03-31' } });
    expect(again.statusCode).toBe(409);
  });

  it('gives the statement as CSV and PDF', async () => {
    const csv = await h.app.inject({ method: 'GET', url: `/api/v1/remittances/${remittanceId}/statement.csv`, headers: manager });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('section;date;case_reference;payment_id;kind;method;mandate;commission_rate_bps;amount_cents;amount_eur');
    expect(lines.filter((l) => l.startsWith('payment;'))).toHaveLength(3);
    expect(lines).toContain('total_payable;2027-03-31;;;;;;;8500;85,00');
    const pdf = await h.app.inject({ method: 'GET', url: `/api/v1/remittances/${remittanceId}/statement.pdf`, headers: manager });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-remit-')), 's.pdf');
    fs.writeFileSync(file, pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Relevé de reversement');
    expect(text).toMatch(/Montant à reverser : 85,00\s€/);
    expect(text).toContain('MAND-A-15');
  });

  it('clears the alert of what was paid over; another creditor never sees the statement', async () => {
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/remittances/${remittanceId}`, headers: creditorUserB })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/remittances/${remittanceId}/statement.csv`, headers: creditorUserB })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: '/api/v1/remittances', headers: creditorUserB })).json()).toMatchObject({ items: [], total: 0 });
    const paid = await h.app.inject({ method: 'POST', url: `/api/v1/remittances/${remittanceId}/paid`, headers: manager, payload: { paidOn: '2027-04-20' } });
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paidOn: '2027-04-20' });
    const alerts = await h.app.inject({ method: 'GET', url: '/api/v1/remittances/alerts', headers: manager });
    expect(alerts.json()).toMatchObject({ items: [] });
    void creditorB;
  });
});
