/**
 * Imports a camt.053 statement or camt.054 notification of the agency's collection account and
 * reconciles it:
 *  - the file's SHA-256 identifies it: the same file again returns the first import, changing nothing;
 *  - each transaction's entry key (account + bank reference + index) is unique: an entry already seen
 *    in another file (the camt.054 of the day, then the camt.053) is skipped;
 *  - matching is set-based SQL: RF reference first (confidence 100), then payer name + amount for the
 *    rest (`rankCandidates`; booked automatically at ≥ 90 when unambiguous, else suggestions for an
 *    agent), the rest waits in the unmatched queue;
 *  - matched credits are booked a thousand per transaction, set-based (`bookBankBatchIn`: the same
 *    allocation, events, reminder cancellation, closure, receipt and certificate as `bookPaymentIn`,
 *    which still books, one by one, the entries whose case has an arrangement or another twist); each
 *    payment is keyed by the entry key, so a crash half-way and a re-run book each entry once;
 *  - returns (a debit with RtrInf: AC04, MD06…) reverse the payment booked for the original
 *    end-to-end id.
 * Idempotent and restartable: every step skips what is already done.
 */
import { createHash } from 'node:crypto';
import { autoBookThreshold, findRfReference, payerNameKeys, rankCandidates, returnReason, type ScoredCandidate } from '../../domain/reconciliation/index.ts';
import { actorId, type Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { BankFileReader, ParsedBankFile, ParsedBankTransaction } from '../ports/bank.ts';
import type { BankImportRecord, NewBankTransaction } from '../ports/bank-repository.ts';
import { bankBookingBatchSize, bankBookingConcurrency, batchesByCase, bookBankBatchIn } from './book-bank-batch.ts';
import { bookPaymentIn } from './book-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';
import { reversePaymentIn } from './reverse-payment.ts';

export interface BankImportDeps extends PaymentDeps {
  readonly reader: BankFileReader;
  /** Told how long each step took (the benchmark prints it; a deployment may export it as a metric). */
  readonly observe?: StepObserver;
  /** Entries per booking batch and batches at once (default: bankBookingBatchSize, bankBookingConcurrency). */
  readonly bankBatches?: { readonly size: number; readonly concurrency: number };
}

export type StepObserver = (step: 'parse' | 'stage' | 'match' | 'book', seconds: number) => void;

async function timedStep<T>(observe: StepObserver | undefined, step: Parameters<StepObserver>[0], work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  observe?.(step, (performance.now() - started) / 1000);
  return result;
}

export interface BankImportResult {
  readonly import: BankImportRecord;
  /** True when this exact file was imported before: nothing was done. */
  readonly alreadyImported: boolean;
}

export async function importBankStatement(deps: BankImportDeps, actor: Actor, input: { fileName: string; content: Buffer }): Promise<BankImportResult> {
  const sha256 = createHash('sha256').update(input.content).digest('hex');
  const known = await deps.uow.run((repos) => repos.bank.findImportBySha(sha256));
  if (known) return { import: known, alreadyImported: true };
  const staged = deps.reader.readInSlices
    ? await stageWhileReading(deps, actor, { fileName: input.fileName, sha256, content: input.content })
    : await stageAfterReading(deps, actor, { fileName: input.fileName, sha256, content: input.content });
  if (!staged) return { import: (await deps.uow.run((repos) => repos.bank.findImportBySha(sha256)))!, alreadyImported: true };
  const { importId } = staged;
  const record = await reconcileImport(deps, actor, importId, staged.duplicates);
  return { import: record, alreadyImported: false };
}

/** A reader that only reads whole files: read, then stage. */
async function stageAfterReading(deps: BankImportDeps, actor: Actor, input: { fileName: string; sha256: string; content: Buffer }) {
  const parsed = await timedStep(deps.observe, 'parse', () => deps.reader.read(input.content));
  return timedStep(deps.observe, 'stage', () => stageBankFile(deps, actor, { fileName: input.fileName, sha256: input.sha256, parsed }));
}

/** A parsed transaction as staged: its id, its RF reference, and whether matching may book it. */
function newBankTransaction(deps: Pick<PaymentDeps, 'codes'>, tx: ParsedBankTransaction): NewBankTransaction {
  const isReturn = tx.returnReason !== null;
  const matchable = tx.booked && (tx.direction === 'credit' || isReturn);
  // Every field written out: an object spread here took four times as long (100,000 rows per file).
  return {
    entryKey: tx.entryKey, entryIdentity: tx.entryIdentity, account: tx.account, statementId: tx.statementId, direction: tx.direction,
    amountText: tx.amountText, currency: tx.currency, amountCents: tx.amountCents, booked: tx.booked, bookingDate: tx.bookingDate,
    valueDate: tx.valueDate, endToEndId: tx.endToEndId, accountServicerRef: tx.accountServicerRef, structuredRefs: tx.structuredRefs,
    unstructured: tx.unstructured, payerName: tx.payerName, payerIban: tx.payerIban, returnReason: tx.returnReason,
    id: deps.codes.id(), rfReference: findRfReference(tx.structuredRefs, tx.unstructured),
    status: matchable ? 'unmatched' : 'not_applicable',
    note: !tx.booked ? 'not booked by the bank (pending or information)' : !matchable ? 'debit of the agency account' : tx.amountCents === null ? `amount in ${tx.currency}: not matched automatically` : null,
  };
}

/**
 * Reads the file and stages its transactions at the same time: the reader hands over what it has read
 * every slice of the file, and the database inserts it while the reader reads on (two cores busy
 * instead of one after the other). One transaction: a file that fails to read half-way stages nothing.
 * Observed as two steps that add up to the whole: 'parse', the time spent reading, and 'stage', the rest.
 */
async function stageWhileReading(
  deps: BankImportDeps, actor: Actor, input: { fileName: string; sha256: string; content: Buffer },
): Promise<{ importId: string; duplicates: number } | null> {
  const readInSlices = deps.reader.readInSlices!.bind(deps.reader);
  const started = performance.now();
  const now = deps.clock.now();
  const importId = deps.codes.id();
  let reading = 0;
  const staged = await deps.uow.run(async (repos) => {
    if (await repos.bank.findImportBySha(input.sha256)) return null;
    // Recorded first (its transactions name it); what only the whole file tells is filled in at the end.
    await repos.bank.createImport({
      id: importId, fileSha256: input.sha256, fileName: input.fileName.slice(0, 200), format: 'camt.053', messageId: null,
      statementCount: 0, transactionCount: 0, importedBy: actorId(actor), importedAt: now,
    });
    const staging = await repos.bank.openStaging(importId);
    let handing = 0;
    const readingFrom = performance.now();
    const parsed = await readInSlices(input.content, async (transactions) => {
      const from = performance.now();
      await staging.add(transactions.map((tx) => newBankTransaction(deps, tx)));
      handing += performance.now() - from;
    });
    reading = (performance.now() - readingFrom - handing) / 1000;
    const inserted = await staging.finish();
    await repos.bank.completeImport(importId, {
      format: parsed.format, messageId: parsed.messageId, statementCount: parsed.statementCount, transactionCount: parsed.transactionCount,
    });
    return { importId, duplicates: parsed.transactionCount - inserted };
  });
  deps.observe?.('parse', reading);
  deps.observe?.('stage', (performance.now() - started) / 1000 - reading);
  return staged;
}

/**
 * Records the file and its new transactions (entries already brought by an earlier file are skipped
 * as a whole); null when the same file was recorded meanwhile.
 */
export async function stageBankFile(
  deps: Pick<PaymentDeps, 'uow' | 'clock' | 'codes'>, actor: Actor, input: { fileName: string; sha256: string; parsed: ParsedBankFile },
): Promise<{ importId: string; duplicates: number } | null> {
  const { parsed, sha256 } = input;
  const now = deps.clock.now();
  const importId = deps.codes.id();
  return deps.uow.run(async (repos) => {
    if (await repos.bank.findImportBySha(sha256)) return null;
    await repos.bank.createImport({
      id: importId, fileSha256: sha256, fileName: input.fileName.slice(0, 200), format: parsed.format, messageId: parsed.messageId,
      statementCount: parsed.statementCount, transactionCount: parsed.transactions.length, importedBy: actorId(actor), importedAt: now,
    });
    const inserted = await repos.bank.stageTransactions(importId, parsed.transactions.map((tx) => newBankTransaction(deps, tx)));
    return { importId, duplicates: parsed.transactions.length - inserted };
  });
}

/** Matches, books and applies returns for one import; safe to run again (e.g. after a crash). */
export async function reconcileImport(
  deps: PaymentDeps & { observe?: StepObserver; bankBatches?: { size: number; concurrency: number } }, actor: Actor, importId: string, duplicateCount?: number,
): Promise<BankImportRecord> {
  await timedStep(deps.observe, 'match', () => matchImport(deps, importId));
  const started = performance.now();
  const now = () => deps.clock.now();
  const matched = await deps.uow.run((repos) => repos.bank.matchedUnbooked(importId));
  // Batches hold whole cases, so two of them never touch the same case: they run side by side (the
  // database works while this process composes the next batch) and a case's entries stay in order.
  const { size, concurrency } = deps.bankBatches ?? { size: bankBookingBatchSize, concurrency: bankBookingConcurrency };
  // In case id order (a stable sort: a case's entries keep their order): ids are time-ordered
  // (UUIDv7), so a batch's cases, their debtors and their index entries lie close together on disk
  // instead of scattered over the whole table — far fewer pages read per batch on a large database.
  const byCaseId = [...matched].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const batches = batchesByCase(byCaseId, size);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < batches.length) {
      const batch = batches[next++]!;
      const at = now();
      try {
        const oneByOne = await deps.uow.run((repos) => bookBankBatchIn(repos, deps, actor, batch, at));
        for (const tx of oneByOne) await bookTransaction(deps, actor, tx.id, tx.caseId, tx.matchMethod, tx.confidence, now());
      } catch (error) {
        failed = true; // the other worker stops after its batch; a re-run books the rest
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  const returns = await deps.uow.run((repos) => repos.bank.pendingReturns(importId));
  for (const tx of returns) await applyReturn(deps, actor, tx.id, now());
  deps.observe?.('book', (performance.now() - started) / 1000);
  return deps.uow.run(async (repos) => {
    const current = await repos.bank.findImport(importId);
    return repos.bank.refreshCounts(importId, duplicateCount ?? current?.duplicateCount ?? 0);
  });
}

/** The set-based matching pass alone (the benchmark measures it): RF references, then names + amounts. */
export async function matchImport(deps: Pick<PaymentDeps, 'uow'>, importId: string): Promise<{ byRf: number; byName: number; suggested: number }> {
  return deps.uow.run(async (repos) => {
    const byRf = await repos.bank.matchByRfReference(importId);
    const rest = await repos.bank.unmatchedCreditsWithName(importId);
    if (rest.length === 0) return { byRf, byName: 0, suggested: 0 };
    const pairs = rest.flatMap((tx) => payerNameKeys(tx.payerName).map((nameKey) => ({ txId: tx.id, nameKey })));
    const candidates = await repos.bank.candidatesByNameKeys(pairs);
    const outcomes: { id: string; suggestions: readonly ScoredCandidate[]; chosen: ScoredCandidate | null }[] = [];
    for (const tx of rest) {
      const found = candidates.get(tx.id);
      if (!found || found.length === 0) continue;
      const ranked = rankCandidates(tx.payerName, tx.amountCents, found).slice(0, 5);
      const best = ranked[0];
      outcomes.push({ id: tx.id, suggestions: ranked, chosen: best && best.score >= autoBookThreshold ? best : null });
    }
    await repos.bank.recordSuggestions(outcomes);
    const byName = outcomes.filter((o) => o.chosen).length;
    return { byRf, byName, suggested: outcomes.length - byName };
  });
}

async function bookTransaction(
  deps: PaymentDeps, actor: Actor, txId: string, caseId: string, method: 'rf_reference' | 'name_amount' | 'manual' | 'return', confidence: number | null, now: Date,
): Promise<void> {
  try {
    await deps.uow.run(async (repos) => {
      const tx = await repos.bank.lockTransaction(txId);
      if (!tx || tx.status !== 'unmatched' || tx.amountCents === null) return;
      const result = await bookPaymentIn(repos, deps, actor, {
        caseId, amountCents: tx.amountCents, currency: tx.currency, valueDate: tx.valueDate ?? tx.bookingDate ?? now.toISOString().slice(0, 10),
        method: 'transfer', source: 'bank', externalRef: tx.entryKey, payerName: tx.payerName,
      }, now);
      await repos.bank.setOutcome(txId, {
        status: 'booked', matchMethod: method, confidence, creditorId: result.payment.creditorId, caseId, paymentId: result.payment.id,
        ...(method === 'manual' ? { resolvedBy: actorId(actor), resolvedAt: now } : {}),
      });
    });
  } catch (error) {
    if (!(error instanceof AppError) || method === 'manual') throw error;
    // A closed case, another currency…: the entry waits for an agent, with the reason.
    await deps.uow.run((repos) => repos.bank.setOutcome(txId, { status: 'unmatched', matchMethod: method, confidence, caseId, note: error.message }));
  }
}

async function applyReturn(deps: PaymentDeps, actor: Actor, txId: string, now: Date): Promise<void> {
  await deps.uow.run(async (repos) => {
    const tx = await repos.bank.lockTransaction(txId);
    if (!tx || tx.status !== 'unmatched' || !tx.returnReason) return;
    const original = tx.endToEndId ? await repos.bank.findBookedByEndToEnd(tx.endToEndId) : null;
    if (!original?.paymentId) {
      await repos.bank.setOutcome(txId, { status: 'unmatched', note: `return ${tx.returnReason}: original payment not found` });
      return;
    }
    const reason = returnReason(tx.returnReason);
    await reversePaymentIn(repos, actor, { paymentId: original.paymentId, reason: `${reason.code} ${reason.label.fr}`, returnCode: reason.code }, now);
    await repos.bank.setOutcome(original.id, { status: 'reversed_payment', note: `returned by ${tx.entryKey} (${reason.code})` });
    await repos.bank.setOutcome(txId, { status: 'booked', matchMethod: 'return', confidence: 100, creditorId: original.creditorId, caseId: original.caseId, paymentId: original.paymentId, note: `${reason.code} ${reason.label.en}` });
  });
}

/** An agent's decision on a transaction of the unmatched queue. */
export type Resolution =
  | { readonly action: 'assign'; readonly caseId: string }
  | { readonly action: 'reverse'; readonly paymentId: string }
  | { readonly action: 'ignore'; readonly note: string };

export async function resolveBankTransaction(deps: PaymentDeps, actor: Actor, txId: string, resolution: Resolution): Promise<void> {
  const tx = await deps.uow.run((repos) => repos.bank.findTransaction(txId));
  if (!tx) throw new AppError('not_found', 'Bank transaction not found');
  if (tx.status !== 'unmatched') throw new AppError('conflict', `The transaction is already ${tx.status}`);
  const now = deps.clock.now();
  switch (resolution.action) {
    case 'assign':
      if (tx.direction !== 'credit') throw new AppError('validation_failed', 'Only a credit can be booked on a case');
      if (tx.amountCents === null) throw new AppError('validation_failed', `An amount in ${tx.currency} cannot be booked on a EUR case`);
      await bookTransaction(deps, actor, txId, resolution.caseId, 'manual', null, now);
      return;
    case 'reverse':
      if (!tx.returnReason) throw new AppError('validation_failed', 'Only a return reverses a payment');
      await deps.uow.run(async (repos) => {
        const reason = returnReason(tx.returnReason!);
        const { payment } = await reversePaymentIn(repos, actor, { paymentId: resolution.paymentId, reason: `${reason.code} ${reason.label.fr}`, returnCode: reason.code }, now);
        await repos.bank.setOutcome(txId, {
          status: 'booked', matchMethod: 'manual', creditorId: payment.creditorId, caseId: payment.caseId, paymentId: payment.id, resolvedBy: actorId(actor), resolvedAt: now,
        });
      });
      return;
    case 'ignore':
      if (resolution.note.trim() === '') throw new AppError('validation_failed', 'note: say why the transaction is set aside');
      await deps.uow.run((repos) => repos.bank.setOutcome(txId, { status: 'ignored', note: resolution.note, resolvedBy: actorId(actor), resolvedAt: now }));
  }
}
