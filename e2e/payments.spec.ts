import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { camt053 } from '../test/support/camt.ts';
import { text } from './pages/messages.ts';
import { BankStatementsPage, PaymentEntryPage } from './pages/payments.page.ts';
import { expect, expectNoBrowserProblems, signIn, test } from './support/fixtures.ts';

test('an agent imports a bank statement, sees the unmatched transfer, and records a payment', async ({ browser, baseURL }) => {
  const { backOffice } = await signIn(browser, baseURL, 'agent', { via: 'api' });
  const run = `${Date.now()}`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'amiable-e2e-bank-')), `releve-${run}.xml`);
  fs.writeFileSync(file, camt053(`E2E-${run}`, [{ id: 'S', entries: [{ amount: '17.00', acctSvcrRef: `E2E-${run}`, txs: [{ amount: '17.00', payerName: `Payeur Inconnu ${run}`, ustrd: 'virement' }] }] }]));

  const bank = new BankStatementsPage(backOffice);
  await bank.open();
  await bank.upload(file, text('fr', 'bank.imported', { booked: 0, unmatched: 1, reversed: 0, duplicates: 0 }));
  await bank.queueRow(`Payeur Inconnu ${run}`).waitFor();
  await bank.upload(file, text('fr', 'bank.alreadyImported'));

  const caseId = await browser.page.evaluate(async () => {
    for (const status of ['active', 'notice_pending', 'promise', 'plan']) {
      const list = await (await fetch(`/api/v1/cases?status=${status}&limit=1`)).json() as { items: { id: string }[] };
      if (list.items[0]) return list.items[0].id;
    }
    return null;
  });
  expect(caseId).not.toBeNull();
  const entry = new PaymentEntryPage(backOffice);
  await entry.open();
  await entry.testProviderNotice.waitFor();
  const booked = await entry.book(caseId!, '1,50', `CHQ-${run}`);
  expect(booked).toContain(text('fr', 'payment.allocation'));
  expectNoBrowserProblems(browser);
});
