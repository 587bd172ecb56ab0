/** Builds real-format camt.053 / camt.054 files (ISO 20022, version 001.02) for the tests and the benchmark. */

export interface CamtTx {
  readonly amount: string;
  readonly endToEndId?: string;
  readonly payerName?: string;
  readonly payerIban?: string;
  readonly rf?: string;
  readonly ustrd?: string;
  readonly returnReason?: string;
}

export interface CamtEntry {
  readonly amount: string;
  readonly currency?: string;
  readonly direction?: 'CRDT' | 'DBIT';
  readonly status?: 'BOOK' | 'PDNG' | 'INFO';
  readonly acctSvcrRef?: string;
  readonly bookingDate?: string;
  readonly valueDate?: string;
  readonly txs: readonly CamtTx[];
  /** Write each transaction's own amount (a batch booked as one entry). */
  readonly batched?: boolean;
}

export interface CamtStatement {
  readonly id: string;
  readonly iban?: string;
  readonly entries: readonly CamtEntry[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tx(t: CamtTx, currency: string, batched: boolean): string {
  return `<TxDtls>
  <Refs><EndToEndId>${esc(t.endToEndId ?? 'NOTPROVIDED')}</EndToEndId></Refs>
  ${batched ? `<AmtDtls><TxAmt><Amt Ccy="${currency}">${t.amount}</Amt></TxAmt></AmtDtls>` : ''}
  ${t.payerName ? `<RltdPties><Dbtr><Nm>${esc(t.payerName)}</Nm></Dbtr>${t.payerIban ? `<DbtrAcct><Id><IBAN>${t.payerIban}</IBAN></Id></DbtrAcct>` : ''}</RltdPties>` : ''}
  ${t.rf || t.ustrd ? `<RmtInf>${t.ustrd ? `<Ustrd>${esc(t.ustrd)}</Ustrd>` : ''}${t.rf ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>${t.rf}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf>` : ''}
  ${t.returnReason ? `<RtrInf><Rsn><Cd>${t.returnReason}</Cd></Rsn></RtrInf>` : ''}
</TxDtls>`;
}

function entry(e: CamtEntry): string {
  const currency = e.currency ?? 'EUR';
  return `<Ntry>
  <Amt Ccy="${currency}">${e.amount}</Amt>
  <CdtDbtInd>${e.direction ?? 'CRDT'}</CdtDbtInd>
  <Sts>${e.status ?? 'BOOK'}</Sts>
  <BookgDt><Dt>${e.bookingDate ?? '2027-03-05'}</Dt></BookgDt>
  <ValDt><Dt>${e.valueDate ?? e.bookingDate ?? '2027-03-05'}</Dt></ValDt>
  ${e.acctSvcrRef ? `<AcctSvcrRef>${esc(e.acctSvcrRef)}</AcctSvcrRef>` : ''}
  <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
  <NtryDtls>${e.batched ? `<Btch><NbOfTxs>${e.txs.length}</NbOfTxs></Btch>` : ''}${e.txs.map((t) => tx(t, currency, e.batched ?? false)).join('')}</NtryDtls>
</Ntry>`;
}

export function camt053(msgId: string, statements: readonly CamtStatement[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<BkToCstmrStmt>
<GrpHdr><MsgId>${esc(msgId)}</MsgId><CreDtTm>2027-03-05T18:00:00+01:00</CreDtTm></GrpHdr>
${statements.map((s) => `<Stmt>
  <Id>${esc(s.id)}</Id><CreDtTm>2027-03-05T18:00:00+01:00</CreDtTm>
  <Acct><Id><IBAN>${s.iban ?? 'FR7630006000011234567890189'}</IBAN></Id><Ccy>EUR</Ccy></Acct>
  <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2027-03-05</Dt></Dt></Bal>
  ${s.entries.map(entry).join('\n')}
</Stmt>`).join('\n')}
</BkToCstmrStmt>
</Document>
`;
}

export function camt054(msgId: string, notifications: readonly CamtStatement[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
<BkToCstmrDbtCdtNtfctn>
<GrpHdr><MsgId>${esc(msgId)}</MsgId><CreDtTm>2027-03-05T12:00:00+01:00</CreDtTm></GrpHdr>
${notifications.map((s) => `<Ntfctn>
  <Id>${esc(s.id)}</Id><CreDtTm>2027-03-05T12:00:00+01:00</CreDtTm>
  <Acct><Id><IBAN>${s.iban ?? 'FR7630006000011234567890189'}</IBAN></Id></Acct>
  ${s.entries.map(entry).join('\n')}
</Ntfctn>`).join('\n')}
</BkToCstmrDbtCdtNtfctn>
</Document>
`;
}

// ── Outbox rows the payment tests need (a posted first letter; a reminder waiting) ──
import type { DbExecutor } from '../../src/adapters/db/open-database.ts';
import { outbox } from '../../src/adapters/db/schema.ts';
import { newId } from '../../src/adapters/db/ids.ts';

function outboxRow(c: { creditorId: string; caseId: string; debtorId: string }, template: string, extra: Partial<typeof outbox.$inferInsert>) {
  return {
    creditorId: c.creditorId, id: newId(), caseId: c.caseId, debtorId: c.debtorId, channel: 'letter' as const, template, locale: 'fr' as const,
    purpose: 'collection' as const, recipient: 'Mme Camille Lefèvre, 3 rue Frébault', payloadVersion: 1, payload: {}, idempotencyKey: `${template}:${newId()}`,
    nextAttemptAt: new Date('2027-03-01T08:00:00Z'), ...extra,
  };
}

/** The R124-4 notice, posted: later messages (receipts, certificates) quote its reference. */
export async function insertPostedFirstLetter(db: DbExecutor, c: { creditorId: string; caseId: string; debtorId: string }): Promise<void> {
  await db.insert(outbox).values(outboxRow(c, 'first-letter', { status: 'sent', sentAt: new Date('2027-02-01T08:00:00Z'), letterReference: `L-${newId().slice(-10)}` }));
}

/** A reminder SMS waiting in the outbox. */
export async function insertPendingReminder(db: DbExecutor, c: { creditorId: string; caseId: string; debtorId: string }): Promise<string> {
  const row = outboxRow(c, 'reminder', { channel: 'sms', recipient: '+33612345601' });
  await db.insert(outbox).values(row);
  return row.id;
}
