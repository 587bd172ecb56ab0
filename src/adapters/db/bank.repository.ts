/**
 * Bank imports and reconciliation in SQL. Matching is set-based: one UPDATE … FROM joins the import's
 * transactions to cases on the RF reference (indexed), one query finds every name candidate through
 * `debtors.name_key` (indexed); nothing is looked up row by row.
 */
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import type {
  BankImportRecord, BankRepository, BankStaging, BankTransactionRecord, BankTransactionStatus, BankTransactionToBook, NewBankTransaction,
} from '../../application/ports/bank-repository.ts';
import type { MatchCandidate, ScoredCandidate } from '../../domain/reconciliation/index.ts';
import { queryRows, uuidArray, type DbExecutor } from './open-database.ts';
import { copyInTransaction, copyValue } from './raw-session.ts';
import { bankImports, bankTransactions } from './schema.ts';

type TxRow = typeof bankTransactions.$inferSelect;

const openStatuses = sql.raw(`('notice_pending', 'active', 'promise', 'plan', 'litigation')`);

function toTx(row: TxRow): BankTransactionRecord {
  return {
    id: row.id, importId: row.importId, entryKey: row.entryKey, account: row.account, direction: row.direction, amountText: row.amountText,
    currency: row.currency, amountCents: row.amountCents, bookingDate: row.bookingDate, valueDate: row.valueDate, endToEndId: row.endToEndId,
    rfReference: row.rfReference, remittance: row.remittance, payerName: row.payerName, returnReason: row.returnReason, status: row.status,
    matchMethod: row.matchMethod, confidence: row.confidence, suggestions: row.suggestions as ScoredCandidate[], creditorId: row.creditorId,
    caseId: row.caseId, paymentId: row.paymentId, note: row.note, resolvedBy: row.resolvedBy, resolvedAt: row.resolvedAt,
  };
}

/** A transaction RF matching may book: an unmatched EUR credit (not a return) quoting an RF reference. */
function rfMatchable(alias: 'bt' | 'r'): SQL {
  const t = sql.raw(alias);
  return sql`${t}.status = 'unmatched' and ${t}.direction = 'credit' and ${t}.return_reason is null and ${t}.amount_cents is not null and ${t}.rf_reference is not null`;
}

/** Rows per chunk of staging (one COPY, one INSERT … SELECT). */
const stageChunk = 5_000;
const stageTable = 'bank_transactions_stage';
/** The staging table's columns, in COPY order (the keys are compared as in bank_transactions: bytewise). */
const stageColumns = [
  ['id', 'uuid'], ['entry_key', 'text collate "C"'], ['entry_identity', 'text collate "C"'], ['account', 'text'], ['statement_id', 'text'],
  ['direction', 'text'], ['amount_text', 'text'], ['currency', 'text'], ['amount_cents', 'bigint'], ['booking_date', 'date'], ['value_date', 'date'],
  ['end_to_end_id', 'text collate "C"'], ['account_servicer_ref', 'text'], ['rf_reference', 'text'], ['remittance', 'text'], ['payer_name', 'text'],
  ['payer_iban', 'text'], ['return_reason', 'text'], ['status', 'text'], ['note', 'text'],
] as const;

/** The remittance texts as one column: structured references, then free texts, joined (at most 1,000 characters). */
function remittanceOf(tx: NewBankTransaction): string | null {
  const structured = tx.structuredRefs;
  const free = tx.unstructured;
  const joined = free.length === 0 ? structured.join(' | ') : structured.length === 0 ? free.join(' | ') : [...structured, ...free].join(' | ');
  return joined.slice(0, 1000) || null;
}

/** What COPY's text format escapes in a value. */
const COPY_SPECIAL = /[\t\\\n\r]/;
const NULL = '\\N';

/**
 * One transaction as a line of COPY text (without its line break), in stageColumns' order. The values
 * are checked at once, joined without separators, for what COPY escapes (rare in bank files): a line
 * without any is joined as it is, one with some is written value by value through copyValue (as
 * copyText writes it: a property test compares the two).
 */
export function stageLine(tx: NewBankTransaction): string {
  const remittance = remittanceOf(tx);
  const verbatim = tx.id + tx.entryKey + tx.entryIdentity + tx.account + (tx.statementId ?? '') + tx.direction + tx.amountText + tx.currency
    + (tx.bookingDate ?? '') + (tx.valueDate ?? '') + (tx.endToEndId ?? '') + (tx.accountServicerRef ?? '') + (tx.rfReference ?? '') + (remittance ?? '')
    + (tx.payerName ?? '') + (tx.payerIban ?? '') + (tx.returnReason ?? '') + tx.status + (tx.note ?? '');
  const values = [
    tx.id, tx.entryKey, tx.entryIdentity, tx.account, tx.statementId, tx.direction, tx.amountText, tx.currency, tx.amountCents, tx.bookingDate,
    tx.valueDate, tx.endToEndId, tx.accountServicerRef, tx.rfReference, remittance, tx.payerName, tx.payerIban, tx.returnReason, tx.status, tx.note,
  ];
  if (COPY_SPECIAL.test(verbatim)) return values.map(copyValue).join('\t');
  for (let i = 0; i < values.length; i++) if (values[i] === null) values[i] = NULL;
  return values.join('\t');
}

/** COPY text being gathered for one chunk: lines written straight into one growing buffer (UTF-8). */
class CopyChunk {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;
  rows = 0;

  push(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8; one more for the line break.
    const most = line.length * 3 + 1;
    if (this.at + most > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + most));
      this.buffer.copy(grown, 0, 0, this.at);
      this.buffer = grown;
    }
    this.at += this.buffer.write(line, this.at);
    this.buffer[this.at++] = 0x0a;
    this.rows++;
  }

  /** The chunk's bytes; the chunk starts again empty (a new buffer: the bytes handed out are in flight). */
  take(): Buffer {
    const data = this.buffer.subarray(0, this.at);
    this.buffer = Buffer.allocUnsafe(1 << 20);
    this.at = 0;
    this.rows = 0;
    return data;
  }
}

export class DrizzleBankRepository implements BankRepository {
  constructor(private readonly db: DbExecutor) {}

  async findImportBySha(sha256: string): Promise<BankImportRecord | null> {
    const [row] = await this.db.select().from(bankImports).where(eq(bankImports.fileSha256, sha256));
    return row ?? null;
  }

  async findImport(id: string): Promise<BankImportRecord | null> {
    const [row] = await this.db.select().from(bankImports).where(eq(bankImports.id, id));
    return row ?? null;
  }

  async listImports(limit: number): Promise<BankImportRecord[]> {
    return this.db.select().from(bankImports).orderBy(desc(bankImports.importedAt)).limit(limit);
  }

  async createImport(row: Omit<BankImportRecord, 'duplicateCount' | 'bookedCount' | 'unmatchedCount' | 'reversedCount'>): Promise<void> {
    await this.db.insert(bankImports).values(row);
  }

  async stageTransactions(importId: string, rows: readonly NewBankTransaction[]): Promise<number> {
    const staging = await this.openStaging(importId);
    await staging.add(rows);
    return staging.finish();
  }

  async openStaging(importId: string): Promise<BankStaging> {
    // The rows go by COPY into a temporary table, then into bank_transactions by one INSERT … SELECT per
    // chunk: COPY's text format costs PostgreSQL a fraction of decoding the same rows from JSON. While
    // PostgreSQL inserts a chunk, this process reads the file on and writes the next chunk (the two
    // cores work side by side).
    await this.db.execute(sql.raw(`create temp table ${stageTable} (${stageColumns.map(([name, type]) => `${name} ${type}`).join(', ')}) on commit drop`));
    // Each row is written out as COPY text as it comes: the row objects die young (a chunk of them kept
    // across the COPY and the insert outlived young-generation collections).
    const pending = new CopyChunk();
    let inserted = 0;
    let inserting: Promise<number> | null = null;
    const flush = async () => {
      const data = pending.take();
      if (inserting) inserted += await inserting;
      inserting = null;
      await copyInTransaction(this.db, stageTable, stageColumns.map(([name]) => name), data);
      inserting = this.insertStaged(importId);
      // Awaited at the next chunk or at the end; a failure meanwhile is not an unhandled rejection.
      inserting.catch(() => {});
      // Let the statement go out before this process goes on.
      await new Promise((resolve) => setImmediate(resolve));
    };
    return {
      add: async (rows) => {
        for (const row of rows) {
          pending.push(stageLine(row));
          if (pending.rows >= stageChunk) await flush();
        }
      },
      finish: async () => {
        if (pending.rows > 0) await flush();
        if (inserting) inserted += await inserting;
        inserting = null;
        return inserted;
      },
    };
  }

  async completeImport(importId: string, facts: Parameters<BankRepository['completeImport']>[1]): Promise<void> {
    await this.db.update(bankImports).set(facts).where(eq(bankImports.id, importId));
  }

  /**
   * Moves the staged chunk into bank_transactions. Each row is written once, already matched: the RF
   * join (matchByRfReference's rule) runs as the rows are inserted instead of rewriting them afterwards
   * (every index of the table, twice). An entry another import brought is skipped as a whole (this
   * import's own rows do not count: the file arrives in several chunks).
   */
  private async insertStaged(importId: string): Promise<number> {
    const done = await queryRows<{ n: number }>(this.db, sql`
      with r as (select * from ${sql.raw(stageTable)}),
      added as (
        insert into bank_transactions (id, import_id, entry_key, entry_identity, account, statement_id, direction, amount_text, currency, amount_cents,
                                       booking_date, value_date, end_to_end_id, account_servicer_ref, rf_reference, remittance, payer_name, payer_iban,
                                       return_reason, status, note, creditor_id, case_id, match_method, confidence)
        select r.id, ${importId}::uuid, r.entry_key, r.entry_identity, r.account, r.statement_id, r.direction, r.amount_text, r.currency, r.amount_cents,
               r.booking_date, r.value_date, r.end_to_end_id, r.account_servicer_ref, r.rf_reference, r.remittance, r.payer_name, r.payer_iban,
               r.return_reason, r.status, r.note, m.creditor_id, m.id, case when m.id is null then null else 'rf_reference' end,
               case when m.id is null then null else 100 end
          from r
          left join lateral (
            select c.creditor_id, c.id from cases c
             where ${rfMatchable('r')} and c.rf_reference = r.rf_reference
             limit 1) m on true
         where not exists (select 1 from bank_transactions b where b.entry_identity = r.entry_identity and b.import_id <> ${importId}::uuid)
        on conflict (entry_key) do nothing
        returning 1)
      select count(*)::int as n from added`);
    // Emptied by TRUNCATE, not by the DELETE … RETURNING it used to be: the table was created in this
    // transaction, so it is truncated in place, while deleted rows (ours, in progress) could not be
    // pruned: each chunk grew the table past the session's temporary buffers, written out to disk.
    await this.db.execute(sql.raw(`truncate ${stageTable}`));
    return Number(done[0]?.n ?? 0);
  }

  async matchByRfReference(importId: string): Promise<number> {
    const rows = await queryRows<{ id: string }>(this.db, sql`
      update bank_transactions bt
         set creditor_id = c.creditor_id, case_id = c.id, match_method = 'rf_reference', confidence = 100
        from cases c
       where bt.import_id = ${importId} and ${rfMatchable('bt')} and bt.case_id is null and c.rf_reference = bt.rf_reference
      returning bt.id`);
    return rows.length;
  }

  async unmatchedCreditsWithName(importId: string): Promise<{ id: string; payerName: string; amountCents: number }[]> {
    const rows = await queryRows<{ id: string; payer_name: string; amount_cents: number }>(this.db, sql`
      select id, payer_name, amount_cents from bank_transactions
       where import_id = ${importId} and status = 'unmatched' and direction = 'credit' and return_reason is null
         and amount_cents is not null and case_id is null and payer_name is not null`);
    return rows.map((r) => ({ id: r.id, payerName: r.payer_name, amountCents: Number(r.amount_cents) }));
  }

  async candidatesByNameKeys(pairs: readonly { txId: string; nameKey: string }[]): Promise<Map<string, MatchCandidate[]>> {
    const result = new Map<string, MatchCandidate[]>();
    if (pairs.length === 0) return result;
    const rows = await queryRows<{
      tx_id: string; case_id: string; creditor_id: string; last_name: string | null; first_name: string | null; company_name: string | null;
      balance: number; expected: number[] | null;
    }>(this.db, sql`
      select distinct on (k.tx_id, c.id) k.tx_id, c.id as case_id, c.creditor_id, d.last_name, d.first_name, d.company_name,
             greatest(0, c.principal_cents + c.interest_cents + c.accessories_cents - c.paid_principal_cents - c.paid_interest_cents
                         - c.paid_accessories_cents - c.waived_cents) as balance,
             array(select p.amount_cents from promises p where p.creditor_id = c.creditor_id and p.case_id = c.id and p.status = 'pending'
                   union all
                   select i.amount_cents from plans pl join plan_instalments i on i.creditor_id = pl.creditor_id and i.plan_id = pl.id
                    where pl.creditor_id = c.creditor_id and pl.case_id = c.id and pl.status = 'active') as expected
        from jsonb_to_recordset(${JSON.stringify(pairs.map((p) => ({ tx_id: p.txId, name_key: p.nameKey })))}::jsonb) as k(tx_id uuid, name_key text)
        join debtors d on d.name_key = k.name_key
        join cases c on c.debtor_id = d.id and c.status in ${openStatuses}`);
    for (const row of rows) {
      const list = result.get(row.tx_id) ?? [];
      list.push({
        caseId: row.case_id, creditorId: row.creditor_id, lastName: row.last_name, firstName: row.first_name, companyName: row.company_name,
        balanceCents: Number(row.balance), expectedCents: (row.expected ?? []).map(Number),
      });
      result.set(row.tx_id, list);
    }
    return result;
  }

  async recordSuggestions(rows: readonly { id: string; suggestions: readonly ScoredCandidate[]; chosen: ScoredCandidate | null }[]): Promise<void> {
    if (rows.length === 0) return;
    const payload = rows.map((r) => ({
      id: r.id, suggestions: r.suggestions, case_id: r.chosen?.caseId ?? null, creditor_id: r.chosen?.creditorId ?? null, confidence: r.chosen?.score ?? r.suggestions[0]?.score ?? null,
    }));
    await this.db.execute(sql`
      update bank_transactions bt
         set suggestions = s.suggestions, case_id = s.case_id, creditor_id = s.creditor_id, confidence = s.confidence,
             match_method = case when s.case_id is null then null else 'name_amount' end
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as s(id uuid, suggestions jsonb, case_id uuid, creditor_id uuid, confidence smallint)
       where bt.id = s.id and bt.status = 'unmatched'`);
  }

  async matchedUnbooked(importId: string): Promise<{ id: string; caseId: string; matchMethod: 'rf_reference' | 'name_amount'; confidence: number | null }[]> {
    // Only what booking needs: an import has up to hundreds of thousands of them.
    const rows = await queryRows<{ id: string; case_id: string; match_method: string | null; confidence: number | null }>(this.db, sql`
      select id, case_id, match_method, confidence from bank_transactions
       where import_id = ${importId} and status = 'unmatched' and direction = 'credit'
         and case_id is not null and note is null and amount_cents is not null
       order by entry_key`);
    return rows.map((r) => ({
      id: r.id, caseId: r.case_id, matchMethod: r.match_method === 'name_amount' ? 'name_amount' : 'rf_reference', confidence: r.confidence === null ? null : Number(r.confidence),
    }));
  }

  async pendingReturns(importId: string): Promise<BankTransactionRecord[]> {
    const rows = await this.db.select().from(bankTransactions).where(and(
      eq(bankTransactions.importId, importId), eq(bankTransactions.status, 'unmatched'), sql`${bankTransactions.returnReason} is not null`,
      sql`${bankTransactions.note} is null`,
    )).orderBy(bankTransactions.entryKey);
    return rows.map(toTx);
  }

  async findBookedByEndToEnd(endToEndId: string): Promise<BankTransactionRecord | null> {
    const [row] = await this.db.select().from(bankTransactions).where(and(
      // status as a literal: the predicate of the partial index on end_to_end_id.
      eq(bankTransactions.endToEndId, endToEndId), eq(bankTransactions.direction, 'credit'), sql`${bankTransactions.status} = 'booked'`,
      sql`${bankTransactions.paymentId} is not null`,
    )).orderBy(desc(bankTransactions.createdAt)).limit(1);
    return row ? toTx(row) : null;
  }

  async findTransaction(id: string): Promise<BankTransactionRecord | null> {
    const [row] = await this.db.select().from(bankTransactions).where(eq(bankTransactions.id, id));
    return row ? toTx(row) : null;
  }

  async lockTransaction(id: string): Promise<BankTransactionRecord | null> {
    const [row] = await this.db.select().from(bankTransactions).where(eq(bankTransactions.id, id)).for('update');
    return row ? toTx(row) : null;
  }

  async listTransactions(filter: { status?: BankTransactionStatus; importId?: string; limit: number; offset: number }) {
    const where = and(
      filter.status ? eq(bankTransactions.status, filter.status) : undefined,
      filter.importId ? eq(bankTransactions.importId, filter.importId) : undefined,
    );
    const rows = await this.db.select().from(bankTransactions).where(where).orderBy(desc(bankTransactions.createdAt), bankTransactions.entryKey)
      .limit(filter.limit).offset(filter.offset);
    const [total] = await this.db.select({ n: count() }).from(bankTransactions).where(where);
    return { items: rows.map(toTx), total: Number(total?.n ?? 0) };
  }

  async setOutcome(id: string, outcome: Parameters<BankRepository['setOutcome']>[1]): Promise<void> {
    await this.db.update(bankTransactions).set({
      status: outcome.status,
      ...(outcome.matchMethod !== undefined ? { matchMethod: outcome.matchMethod } : {}),
      ...(outcome.confidence !== undefined ? { confidence: outcome.confidence } : {}),
      ...(outcome.creditorId !== undefined ? { creditorId: outcome.creditorId } : {}),
      ...(outcome.caseId !== undefined ? { caseId: outcome.caseId } : {}),
      ...(outcome.paymentId !== undefined ? { paymentId: outcome.paymentId } : {}),
      ...(outcome.note !== undefined ? { note: outcome.note } : {}),
      ...(outcome.resolvedBy !== undefined ? { resolvedBy: outcome.resolvedBy } : {}),
      ...(outcome.resolvedAt !== undefined ? { resolvedAt: outcome.resolvedAt } : {}),
    }).where(eq(bankTransactions.id, id));
  }

  async lockTransactions(ids: readonly string[]): Promise<BankTransactionToBook[]> {
    if (ids.length === 0) return [];
    // Only what booking reads: a thousand rows per batch, parsed for nothing otherwise.
    const rows = await queryRows<{
      id: string; status: BankTransactionStatus; entry_key: string; currency: string; amount_cents: number | null; value_date: string | null;
      booking_date: string | null; payer_name: string | null;
    }>(this.db, sql`
      select id, status, entry_key, currency, amount_cents, value_date::text as value_date, booking_date::text as booking_date, payer_name
        from bank_transactions where id = any(${uuidArray(ids)}::uuid[]) order by id for update`);
    return rows.map((r) => ({
      id: r.id, status: r.status, entryKey: r.entry_key, currency: r.currency, amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
      valueDate: r.value_date, bookingDate: r.booking_date, payerName: r.payer_name,
    }));
  }

  async setBooked(rows: Parameters<BankRepository['setBooked']>[0]): Promise<void> {
    if (rows.length === 0) return;
    // A JSON document rather than parallel arrays through unnest: PostgreSQL knows an array's length
    // and, for a thousand rows, hashes the whole table instead of reading a thousand rows by id.
    const payload = rows.map((r) => ({ id: r.id, match_method: r.matchMethod, confidence: r.confidence, creditor_id: r.creditorId, case_id: r.caseId, payment_id: r.paymentId }));
    await this.db.execute(sql`
      update bank_transactions bt
         set status = 'booked', match_method = r.match_method, confidence = r.confidence, creditor_id = r.creditor_id, case_id = r.case_id, payment_id = r.payment_id
        from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as r(id uuid, match_method text, confidence smallint, creditor_id uuid, case_id uuid, payment_id uuid)
       where bt.id = r.id`);
  }

  async refreshCounts(importId: string, duplicateCount: number): Promise<BankImportRecord> {
    const [row] = await this.db.update(bankImports).set({
      duplicateCount,
      bookedCount: sql`(select count(*) from bank_transactions where import_id = ${importId} and status = 'booked' and return_reason is null)`,
      unmatchedCount: sql`(select count(*) from bank_transactions where import_id = ${importId} and status = 'unmatched')`,
      reversedCount: sql`(select count(*) from bank_transactions where import_id = ${importId} and status = 'booked' and return_reason is not null)`,
    }).where(eq(bankImports.id, importId)).returning();
    return row!;
  }
}
