/** Bank imports and their transactions; matching runs as set-based SQL in the adapter. */
import type { MatchCandidate, ScoredCandidate } from '../../domain/reconciliation/index.ts';
import type { ParsedBankTransaction } from './bank.ts';

export type BankTransactionStatus = 'unmatched' | 'booked' | 'reversed_payment' | 'ignored' | 'not_applicable';

export interface BankImportRecord {
  readonly id: string;
  readonly fileSha256: string;
  readonly fileName: string;
  readonly format: 'camt.053' | 'camt.054';
  readonly messageId: string | null;
  readonly statementCount: number;
  readonly transactionCount: number;
  readonly duplicateCount: number;
  readonly bookedCount: number;
  readonly unmatchedCount: number;
  readonly reversedCount: number;
  readonly importedBy: string;
  readonly importedAt: Date;
}

export interface BankTransactionRecord {
  readonly id: string;
  readonly importId: string;
  readonly entryKey: string;
  readonly account: string;
  readonly direction: 'credit' | 'debit';
  readonly amountText: string;
  readonly currency: string;
  readonly amountCents: number | null;
  readonly bookingDate: string | null;
  readonly valueDate: string | null;
  readonly endToEndId: string | null;
  readonly rfReference: string | null;
  readonly remittance: string | null;
  readonly payerName: string | null;
  readonly returnReason: string | null;
  readonly status: BankTransactionStatus;
  readonly matchMethod: 'rf_reference' | 'name_amount' | 'manual' | 'return' | null;
  readonly confidence: number | null;
  readonly suggestions: readonly ScoredCandidate[];
  readonly creditorId: string | null;
  readonly caseId: string | null;
  readonly paymentId: string | null;
  readonly note: string | null;
  readonly resolvedBy: string | null;
  readonly resolvedAt: Date | null;
}

/** What booking a matched credit reads of its transaction. */
export type BankTransactionToBook = Pick<BankTransactionRecord, 'id' | 'status' | 'entryKey' | 'currency' | 'amountCents' | 'valueDate' | 'bookingDate' | 'payerName'>;

export type NewBankTransaction = ParsedBankTransaction & {
  readonly id: string;
  readonly rfReference: string | null;
  readonly status: BankTransactionStatus;
  readonly note: string | null;
};

export interface BankStaging {
  add(rows: readonly NewBankTransaction[]): Promise<void>;
  finish(): Promise<number>;
}

export interface BankRepository {
  findImportBySha(sha256: string): Promise<BankImportRecord | null>;
  findImport(id: string): Promise<BankImportRecord | null>;
  listImports(limit: number): Promise<BankImportRecord[]>;
  createImport(row: Omit<BankImportRecord, 'duplicateCount' | 'bookedCount' | 'unmatchedCount' | 'reversedCount'>): Promise<void>;
  /**
   * Inserts the import's transactions whose entry is new (entry key not seen, entry identity not
   * brought by another import), each matched by RF reference as it is inserted (matchByRfReference's
   * rule); returns how many were inserted.
   */
  stageTransactions(importId: string, rows: readonly NewBankTransaction[]): Promise<number>;
  /**
   * The same, a part of the file at a time (the importer stages while it reads): `add` as the rows come,
   * then `finish` for how many were inserted. Within the unit of work that opened it.
   */
  openStaging(importId: string): Promise<BankStaging>;
  /** The file's facts, known once it is read (the import is recorded before its transactions). */
  completeImport(importId: string, facts: Pick<BankImportRecord, 'format' | 'messageId' | 'statementCount' | 'transactionCount'>): Promise<void>;
  /** Set-based: unmatched EUR credits of the import whose RF reference is a case's → matched (confidence 100). */
  matchByRfReference(importId: string): Promise<number>;
  /** Unmatched EUR credits of the import with a payer name, for name + amount matching. */
  unmatchedCreditsWithName(importId: string): Promise<{ id: string; payerName: string; amountCents: number }[]>;
  /** Open cases whose debtor's name key is one of the keys, per transaction id (one query for all). */
  candidatesByNameKeys(pairs: readonly { txId: string; nameKey: string }[]): Promise<Map<string, MatchCandidate[]>>;
  /** Records the name + amount outcome: the chosen case (auto) or only suggestions. */
  recordSuggestions(rows: readonly { id: string; suggestions: readonly ScoredCandidate[]; chosen: ScoredCandidate | null }[]): Promise<void>;
  /** Matched credits of the import not yet booked, in entry key order: which case, and how it was matched. */
  matchedUnbooked(importId: string): Promise<{ id: string; caseId: string; matchMethod: 'rf_reference' | 'name_amount'; confidence: number | null }[]>;
  /** Returns (debits with a return reason) of the import not yet applied. */
  pendingReturns(importId: string): Promise<BankTransactionRecord[]>;
  /** The booked credit a return refers to: same end-to-end id, already booked. */
  findBookedByEndToEnd(endToEndId: string): Promise<BankTransactionRecord | null>;
  findTransaction(id: string): Promise<BankTransactionRecord | null>;
  lockTransaction(id: string): Promise<BankTransactionRecord | null>;
  listTransactions(filter: { status?: BankTransactionStatus; importId?: string; limit: number; offset: number }): Promise<{ items: BankTransactionRecord[]; total: number }>;
  setOutcome(id: string, outcome: {
    status: BankTransactionStatus; matchMethod?: BankTransactionRecord['matchMethod']; confidence?: number | null; creditorId?: string | null;
    caseId?: string | null; paymentId?: string | null; note?: string | null; resolvedBy?: string | null; resolvedAt?: Date | null;
  }): Promise<void>;
  /** Locks these transactions (in id order) and returns what booking reads of them. */
  lockTransactions(ids: readonly string[]): Promise<BankTransactionToBook[]>;
  /** Marks transactions booked, each with its payment. */
  setBooked(rows: readonly { id: string; matchMethod: NonNullable<BankTransactionRecord['matchMethod']>; confidence: number | null; creditorId: string; caseId: string; paymentId: string }[]): Promise<void>;
  /** Recounts the import's outcome columns from its transactions. */
  refreshCounts(importId: string, duplicateCount: number): Promise<BankImportRecord>;
}
