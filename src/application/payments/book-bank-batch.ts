/**
 * Books matched bank credits a batch at a time: one database transaction per batch and set-based
 * writes (payments, paid columns, case events, reminder cancellation, closures, the transactions'
 * outcome) instead of a dozen round trips and a commit per entry. A bank statement brings tens of
 * thousands of transfers; booking them one by one was the import's bottleneck (docs/payments.md).
 *
 * Each entry gets exactly what `bookPaymentIn` gives it, in the same order of events: the rule
 * engine's allocation, `payment.received`, pending reminders cancelled (`messages.cancelled`), the
 * case closed when paid in full (`case.status_changed`), the receipt (R124-6 CPCE) or
 * `receipt.not_queued`, the settlement certificate or `certificate.not_issued`.
 *
 * An entry is booked here only when that is all its booking does. Everything else is handed back
 * to be booked one by one through `bookPaymentIn` after the batch commits (same result, slower):
 * a case with a pending promise, an active plan or a pending settlement (their tracking rules live in
 * `trackCaseArrangements`), a case in `promise` or `plan` status, a closed case, another currency, an
 * entry already booked (a re-run after a crash: idempotency by entry key), an amount or date the use
 * case would refuse, and any later entry for a case already seen in the batch (so that two payments
 * on one case are still booked in statement order, each allocated on what the previous one left).
 */
import { isClosed } from '../../domain/case/case-status.ts';
import { canTransition, transition } from '../../domain/case/case-transitions.ts';
import { parseCivilDate } from '../../domain/time/index.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import type { CaseEventInput } from '../ports/arrangement-repository.ts';
import type { BankTransactionToBook } from '../ports/bank-repository.ts';
import type { MessagingRepository } from '../ports/messaging-repository.ts';
import type { CaseForPayment, PaidDelta, PaymentRecord } from '../ports/payment-repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import { allocateOnCase, queueReceiptAndCertificate } from './book-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';

/** A matched credit to book: the transaction and the case the matching chose. */
export interface MatchedEntry {
  readonly id: string;
  readonly caseId: string;
  readonly matchMethod: 'rf_reference' | 'name_amount';
  readonly confidence: number | null;
}

/** Entries per database transaction: large enough to amortise the round trips, small enough to hold few locks for long. */
export const bankBookingBatchSize = 1_000;

/** Batches booked at the same time (one connection each; PGlite runs them one after the other). */
export const bankBookingConcurrency = 2;

/**
 * Cuts the entries (in statement order) into batches of about `size` that hold whole cases: every
 * entry of a case is in the batch of its first entry, in statement order. Batches then share no case,
 * and can be booked concurrently without waiting on each other's locks or reordering a case's payments.
 */
export function batchesByCase(entries: readonly MatchedEntry[], size: number): MatchedEntry[][] {
  const byCase = new Map<string, MatchedEntry[]>();
  for (const entry of entries) {
    const group = byCase.get(entry.caseId);
    if (group) group.push(entry);
    else byCase.set(entry.caseId, [entry]);
  }
  const batches: MatchedEntry[][] = [];
  let current: MatchedEntry[] = [];
  for (const group of byCase.values()) {
    if (current.length > 0 && current.length + group.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

interface Planned {
  readonly entry: MatchedEntry;
  readonly kase: CaseForPayment;
  readonly payment: PaymentRecord;
  readonly delta: PaidDelta;
  readonly balanceAfter: number;
  /** The status trackCaseArrangements moves the case to (paid in full), or null. */
  readonly closesTo: CaseForPayment['status'] | null;
}

/**
 * Books what it can of the batch (entries in statement order) inside the caller's transaction and
 * returns the entries to book one by one afterwards.
 */
export async function bookBankBatchIn(
  repos: Repositories, deps: Omit<PaymentDeps, 'uow' | 'clock'>, actor: Actor, batch: readonly MatchedEntry[], now: Date,
): Promise<MatchedEntry[]> {
  const locked = new Map((await repos.bank.lockTransactions(batch.map((e) => e.id))).map((tx) => [tx.id, tx]));
  const cases = await repos.payments.lockCases([...new Set(batch.map((e) => e.caseId))]);
  const withArrangements = await repos.arrangements.casesWithOpenArrangements([...cases.keys()]);
  const refs = batch.flatMap((e) => {
    const tx = locked.get(e.id);
    const kase = cases.get(e.caseId);
    return tx && kase ? [{ creditorId: kase.creditorId, externalRef: tx.entryKey }] : [];
  });
  const alreadyBooked = await repos.payments.existingExternalRefs('bank', refs);
  const scope = caseScopeOf(actor);

  const deferred: MatchedEntry[] = [];
  const planned: Planned[] = [];
  const seen = new Set<string>();
  for (const entry of batch) {
    const tx = locked.get(entry.id);
    // Booked or resolved meanwhile, or no amount in euros: the one-by-one path skips it, as before.
    if (!tx || tx.status !== 'unmatched' || tx.amountCents === null) continue;
    const kase = cases.get(entry.caseId);
    const firstForCase = !seen.has(entry.caseId);
    seen.add(entry.caseId);
    const valueDate = tx.valueDate ?? tx.bookingDate ?? now.toISOString().slice(0, 10);
    if (!kase || !firstForCase || !plainBooking(tx, kase, valueDate) || withArrangements.has(kase.caseId)
      || (scope.creditorId !== undefined && scope.creditorId !== kase.creditorId) || alreadyBooked.has(`${kase.creditorId}|${tx.entryKey}`)) {
      deferred.push(entry);
      continue;
    }
    const { allocation, delta, balanceAfter } = allocateOnCase(kase, tx.amountCents);
    const payment: PaymentRecord = {
      creditorId: kase.creditorId, id: deps.codes.id(), caseId: kase.caseId, amountCents: tx.amountCents, currency: tx.currency, valueDate,
      receivedAt: now, method: 'transfer', source: 'bank', externalRef: tx.entryKey, status: 'booked',
      allocation: { applications: allocation.applications, unappliedCents: allocation.unapplied, balanceAfterCents: balanceAfter },
      payerName: tx.payerName, recordedBy: actorId(actor), reversedAt: null, reversalReason: null,
    };
    // trackCaseArrangements' test, on the case as it will be: total - paid - waived (no arrangement is open).
    const owed = kase.principalCents + kase.interestCents + kase.accessoriesCents
      - (kase.paidPrincipalCents + delta.principal + kase.paidInterestCents + delta.interest + kase.paidAccessoriesCents + delta.accessories) - kase.waivedCents;
    const closesTo = owed <= 0 && canTransition(kase.status, 'paid_in_full') ? transition(kase.status, 'paid_in_full') : null;
    planned.push({ entry, kase, payment, delta, balanceAfter, closesTo });
  }
  if (planned.length === 0) return deferred;

  await repos.payments.insertMany(planned.map((p) => p.payment));
  await repos.payments.addPaidMany(planned.map((p) => ({ creditorId: p.kase.creditorId, caseId: p.kase.caseId, delta: p.delta, lastPaymentDate: p.payment.valueDate })), now);
  const cancelled = await repos.payments.cancelPendingCollectionMessagesMany(
    planned.map((p) => ({ creditorId: p.kase.creditorId, caseId: p.kase.caseId, reason: `payment ${p.payment.id} received` })), now);
  const closed = await repos.arrangements.setCaseStatusMany(planned.flatMap((p) => (p.closesTo
    ? [{ creditorId: p.kase.creditorId, caseId: p.kase.caseId, from: p.kase.status, to: p.closesTo, reason: 'balance paid in full' }]
    : [])), now);

  // Every event of the batch is appended in one statement at the end, in the order bookPaymentIn
  // appends them (ids are drawn then, in that order: history sorts by time, then id).
  const events: CaseEventInput[] = [];
  const eventOf = (p: Planned, type: string, data: Record<string, unknown>): CaseEventInput => ({
    creditorId: p.kase.creditorId, caseId: p.kase.caseId, at: now, type, actorKind: eventActorKind(actor), actorId: actorId(actor), data,
  });
  for (const p of planned) {
    events.push(eventOf(p, 'payment.received', {
      paymentId: p.payment.id, amountCents: p.payment.amountCents, currency: p.payment.currency, valueDate: p.payment.valueDate, method: p.payment.method,
      source: p.payment.source, externalRef: p.payment.externalRef, allocation: p.payment.allocation,
    }));
    const outboxIds = cancelled.get(p.kase.caseId) ?? [];
    if (outboxIds.length > 0) events.push(eventOf(p, 'messages.cancelled', { outboxIds, reason: 'payment received' }));
    if (closed.has(p.kase.caseId)) events.push(eventOf(p, 'case.status_changed', { from: p.kase.status, to: p.closesTo, reason: 'balance paid in full' }));
  }

  // Receipts and certificates are composed one by one (each is a message of its own) on cases read in
  // one go; the events their messages append join the batch's list instead of a round trip each.
  const messagingCases = await repos.messaging.loadCases(planned.map((p) => p.kase.caseId));
  const totals = await repos.payments.bookedTotals([...closed]);
  const buffered = withBufferedMessagingEvents(repos, events);
  for (const p of planned) {
    await queueReceiptAndCertificate(buffered, deps, actor, {
      payment: p.payment, balanceAfter: p.balanceAfter, statusAfter: closed.has(p.kase.caseId) ? p.closesTo! : p.kase.status,
      loadCase: async () => messagingCases.get(p.kase.caseId) ?? null,
      totalPaid: async () => totals.get(p.kase.caseId) ?? 0,
      appendEvent: async (type, data) => {
        events.push(eventOf(p, type, data));
      },
    }, now);
  }
  await repos.arrangements.appendCaseEvents(events);
  await repos.bank.setBooked(planned.map((p) => ({
    id: p.entry.id, matchMethod: p.entry.matchMethod, confidence: p.entry.confidence, creditorId: p.kase.creditorId, caseId: p.kase.caseId, paymentId: p.payment.id,
  })));
  return deferred;
}

/**
 * What bookPaymentIn would refuse or treat specially is left to it: an amount that is not a positive
 * whole number of cents, a date it cannot read, another currency, a closed case, or a case whose
 * status follows an arrangement (`promise`, `plan`).
 */
function plainBooking(tx: BankTransactionToBook, kase: CaseForPayment, valueDate: string): boolean {
  if (tx.amountCents === null || !Number.isSafeInteger(tx.amountCents) || tx.amountCents <= 0) return false;
  if (tx.currency !== kase.currency || isClosed(kase.status) || kase.status === 'promise' || kase.status === 'plan') return false;
  try {
    parseCivilDate(valueDate);
    return true;
  } catch {
    return false;
  }
}

/** The repositories, with the messaging events (message.enqueued) appended to `events` instead of written at once. */
function withBufferedMessagingEvents(repos: Repositories, events: CaseEventInput[]): Repositories {
  const messaging: MessagingRepository = Object.create(repos.messaging) as MessagingRepository;
  messaging.appendCaseEvent = async (event) => {
    events.push({ ...event, data: { ...event.data } });
  };
  return { ...repos, messaging };
}
