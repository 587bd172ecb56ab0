/**
 * A promise to pay: an amount by a date, within what is owed. The case moves to `promise`, the
 * promise is confirmed to the debtor through the outbox, and `trackCaseArrangements` keeps or breaks it
 * as payments arrive or the date (plus the mandate's grace days) passes.
 */
import { cents, formatMoney } from '../../domain/money/index.ts';
import { addDays, compareCivilDates, parseCivilDate } from '../../domain/time/index.ts';
import { actorId, type Actor } from '../actor.ts';
import { invalidField, notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type { CaseAccess } from '../ports/backoffice-repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { BackofficeDeps } from './backoffice-deps.ts';
import { loadCaseAccess } from './case-access.ts';
import { appendEvent, moveCase } from './case-history.ts';
import { refreshCaseWorklist } from './refresh-worklist.ts';
import { parseDueOn } from './due-date-input.ts';
import { sendConfirmation } from './send-confirmation.ts';

/** Policy: a promise is short-term; a longer horizon is a plan (which the mandate bounds). */
export const MAX_PROMISE_DAYS = 31;

export interface PromiseInput {
  readonly amountCents: number;
  readonly dueOn: string;
  readonly origin: 'call' | 'agent';
}

const invalid = invalidField;

export async function createPromiseIn(repos: Repositories, deps: BackofficeDeps, actor: Actor, access: CaseAccess, input: PromiseInput, now: Date) {
  const locked = await repos.arrangements.lockCase(access.caseId);
  if (!locked) throw notFound('Case');
  const today = parseCivilDate(civilDateInParis(now));
  const dueOn = parseDueOn(input.dueOn, today, 'a promise cannot fall due in the past');
  if (compareCivilDates(dueOn, addDays(today, MAX_PROMISE_DAYS)) > 0) throw invalid('/dueOn', `a promise falls due within ${MAX_PROMISE_DAYS} days; agree a plan for longer`);
  if (input.amountCents <= 0 || input.amountCents > locked.balanceCents) throw invalid('/amountCents', `between 0,01 € and the balance (${formatMoney(locked.balanceCents, 'fr')})`);
  const id = deps.codes.id();
  await repos.backoffice.insertPromise({ creditorId: access.creditorId, id, caseId: access.caseId, amountCents: input.amountCents, madeOn: today, dueOn, origin: input.origin, createdBy: actorId(actor) });
  await appendEvent(repos, actor, access, now, 'promise.created', { promiseId: id, amountCents: input.amountCents, dueOn, origin: input.origin });
  await moveCase(repos, actor, { ...access, status: locked.status }, 'promise_made', now, 'promise to pay');
  const confirmation = await sendConfirmation(repos, deps, actor, access.caseId, 'promise-confirmation', `promise:${id}`, now, { promise: { amount: cents(input.amountCents), dueDate: dueOn } });
  await refreshCaseWorklist(repos, access.caseId, now);
  return { promiseId: id, confirmation };
}

export async function createPromise(deps: BackofficeDeps, actor: Actor, caseId: string, input: Omit<PromiseInput, 'origin'>) {
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => createPromiseIn(repos, deps, actor, await loadCaseAccess(repos, actor, caseId, 'write'), { ...input, origin: 'agent' }, now));
}
