/** Bank files as the reconciliation use cases see them; the camt reader (adapters/payments) builds them. */

export interface ParsedBankTransaction {
  /** Unique across files: account + account servicer reference (or entry reference, or content hash) + index. */
  readonly entryKey: string;
  /**
   * The entry it belongs to (account + bank reference). A batched entry may come split into its
   * transactions in one file (camt.054 with TxDtls amounts) and whole in another: an entry already
   * seen in an earlier file is skipped as a whole, so its money is booked once either way.
   */
  readonly entryIdentity: string;
  readonly account: string;
  readonly statementId: string | null;
  readonly direction: 'credit' | 'debit';
  /** The exact decimal text of the amount, as the bank wrote it. */
  readonly amountText: string;
  readonly currency: string;
  /** Integer cents for EUR amounts with at most two decimals; null otherwise (never matched automatically). */
  readonly amountCents: number | null;
  /** Booked (BOOK) entries only are money on the account; pending and information entries are kept, not booked. */
  readonly booked: boolean;
  readonly bookingDate: string | null;
  readonly valueDate: string | null;
  readonly endToEndId: string | null;
  readonly accountServicerRef: string | null;
  readonly structuredRefs: readonly string[];
  readonly unstructured: readonly string[];
  readonly payerName: string | null;
  readonly payerIban: string | null;
  /** RtrInf reason code when the movement is a return (AC04, MD06…). */
  readonly returnReason: string | null;
}

export interface ParsedBankFile {
  readonly format: 'camt.053' | 'camt.054';
  readonly messageId: string | null;
  readonly statementCount: number;
  readonly transactions: readonly ParsedBankTransaction[];
}

/** A file read in slices: its facts and how many transactions it handed over (not the transactions: they were staged as they came). */
export interface BankFileSummary {
  readonly format: ParsedBankFile['format'];
  readonly messageId: string | null;
  readonly statementCount: number;
  readonly transactionCount: number;
}

/** Reads a bank file; throws `AppError('validation_failed')` with a reason when it is not a camt.053/054. */
export interface BankFileReader {
  read(content: Buffer): ParsedBankFile;
  /**
   * Optional: the same reading, handing the transactions over to `take` while it reads on (in the order
   * `read` returns them, each once, none kept); a fault anywhere still fails the whole file, after some were handed over.
   */
  readInSlices?(content: Buffer, take: (transactions: readonly ParsedBankTransaction[]) => Promise<void>): Promise<BankFileSummary>;
}
