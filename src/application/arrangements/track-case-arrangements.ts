/**
 * Brings a case's promises, plan and settlement up to date with its payments and the date, and moves
 * the case accordingly: paid in full → closed_paid; settlement paid → closed_settled (the rest is
 * remitted); a promise kept or broken, or a plan broken, → back to active collection. Called after every
 * payment (issue #7) and daily for every case with an open arrangement (dates passing). Idempotent: a
 * second run with the same payments and date changes nothing.
 */
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { evaluatePromise, trackPlan } from '../../domain/arrangements/index.ts';
import { isClosed, type CaseStatus } from '../../domain/case/case-status.ts';
import { canTransition, transition, type CaseTransitionEvent } from '../../domain/case/case-transitions.ts';
import { cents } from '../../domain/money/index.ts';
import { addDays, compareCivilDates, type CivilDate } from '../../domain/time/index.ts';
import type { ArrangementRepository, BookedPayment, LockedCase } from '../ports/arrangement-repository.ts';

export interface TrackInput {
  readonly caseId: string;
  /** The agency's calendar date (promises and instalments fall due on civil dates). */
  readonly today: CivilDate;
  readonly at: Date;
  readonly actor: Actor;
}

export interface TrackResult {
  readonly caseId: string;
  readonly statusBefore: CaseStatus;
  readonly statusAfter: CaseStatus;
  /** Event types appended, in order (empty when nothing changed). */
  readonly events: readonly string[];
}

function paidSince(payments: readonly BookedPayment[], from: CivilDate): number {
  return payments.reduce((sum, p) => (compareCivilDates(p.valueDate, from) >= 0 ? sum + p.amountCents : sum), 0);
}

export async function trackCaseArrangements(repos: { arrangements: ArrangementRepository }, input: TrackInput): Promise<TrackResult | null> {
  const store = repos.arrangements;
  const locked = await store.lockCase(input.caseId);
  if (!locked) return null;
  const events: string[] = [];
  let status = locked.status;
  if (isClosed(status)) return { caseId: input.caseId, statusBefore: status, statusAfter: status, events };

  const event = async (type: string, data: Record<string, unknown>) => {
    events.push(type);
    await store.appendCaseEvent({
      creditorId: locked.creditorId, caseId: locked.caseId, at: input.at, type, actorKind: eventActorKind(input.actor),
      actorId: actorId(input.actor), data,
    });
  };
  const move = async (transitionEvent: CaseTransitionEvent, reason: string) => {
    if (!canTransition(status, transitionEvent)) return;
    const next = transition(status, transitionEvent);
    if (await store.setCaseStatus(locked.creditorId, locked.caseId, status, next, input.at, reason)) {
      await event('case.status_changed', { from: status, to: next, reason });
      status = next;
    }
  };

  const { promises, plan, settlement } = await store.openArrangements(locked.creditorId, locked.caseId);
  const payments = await store.bookedPayments(locked.creditorId, locked.caseId);

  // A settlement paid closes the case whatever else is open: the remainder is remitted.
  if (settlement) {
    const paid = paidSince(payments, settlement.agreedOn);
    if (paid >= settlement.amountCents) {
      await store.resolveSettlement(locked.creditorId, settlement.id, 'paid', input.at);
      await event('settlement.paid', { settlementId: settlement.id, amountCents: settlement.amountCents, remittedCents: locked.balanceCents });
      if (locked.balanceCents > 0) await store.waive(locked.creditorId, locked.caseId, cents(locked.balanceCents));
      await closeOpenArrangements(store, locked, promises.map((p) => p.id), plan?.id ?? null, input.at, 'settled');
      await move('settlement_paid', 'settlement paid');
      return { caseId: input.caseId, statusBefore: locked.status, statusAfter: status, events };
    }
    if (compareCivilDates(input.today, addDays(settlement.dueOn, locked.graceDays)) > 0) {
      await store.resolveSettlement(locked.creditorId, settlement.id, 'lapsed', input.at);
      await event('settlement.lapsed', { settlementId: settlement.id, paidCents: paid, amountCents: settlement.amountCents });
    }
  }

  if (locked.balanceCents <= 0) {
    await closeOpenArrangements(store, locked, promises.map((p) => p.id), plan?.id ?? null, input.at, 'paid in full');
    await move('paid_in_full', 'balance paid in full');
    return { caseId: input.caseId, statusBefore: locked.status, statusAfter: status, events };
  }

  let pendingPromises = promises.length;
  for (const promise of promises) {
    const state = evaluatePromise({ amount: promise.amountCents, madeOn: promise.madeOn, dueOn: promise.dueOn }, payments.map((p) => ({ amount: p.amountCents, valueDate: p.valueDate })), input.today, locked.graceDays);
    if (state.status === 'pending') continue;
    pendingPromises--;
    await store.resolvePromise(locked.creditorId, promise.id, state.status, input.at);
    await event(`promise.${state.status}`, { promiseId: promise.id, amountCents: promise.amountCents, dueOn: promise.dueOn, paidCents: state.paid });
  }

  let planOpen = plan !== null;
  if (plan) {
    const state = trackPlan(plan.instalments.map((i) => ({ dueOn: i.dueOn, amount: i.amountCents })), cents(paidSince(payments, plan.agreedOn)), input.today, locked.graceDays);
    if (state.status === 'broken') {
      planOpen = false;
      await store.endPlan(locked.creditorId, plan.id, 'broken', `instalment due ${state.missedDueOn} unpaid after ${locked.graceDays} grace days`, input.at);
      await event('plan.broken', { planId: plan.id, missedDueOn: state.missedDueOn, arrearsCents: state.arrears });
    } else if (state.status === 'completed') {
      planOpen = false;
      await store.endPlan(locked.creditorId, plan.id, 'completed', 'every instalment paid', input.at);
      await event('plan.completed', { planId: plan.id });
    }
  }

  if (status === 'promise' && pendingPromises === 0) await move(planOpen ? 'plan_agreed' : 'promise_ended', 'promise resolved');
  if (status === 'plan' && !planOpen) await move('plan_ended', 'plan ended');
  return { caseId: input.caseId, statusBefore: locked.status, statusAfter: status, events };
}

async function closeOpenArrangements(store: ArrangementRepository, locked: LockedCase, promiseIds: readonly string[], planId: string | null, at: Date, why: string): Promise<void> {
  for (const id of promiseIds) await store.resolvePromise(locked.creditorId, id, 'kept', at);
  if (planId) await store.endPlan(locked.creditorId, planId, 'completed', why, at);
}
