/**
 * The daily plan (issue #9, docs/scale.md): which open cases may be contacted on `planDate`, on which
 * channel first, from when, by which team and agent. Bounded memory whatever the portfolio's size: cases
 * are streamed in key order, `batchSize` at a time (keyset pagination on (creditor_id, id)); each page's
 * contact points, suspensions and recent history are read set-based; each case is decided by the pure
 * engine (`planContactDay` → `decideContact`); each page's result replaces the plan's rows for that key
 * range. At most three pages are alive at once (one being decided, the next one prefetched, the
 * previous one's entries being written), so memory is O(batchSize), not O(cases).
 *
 * Idempotent per plan date: a rerun replaces every key range, so it leaves exactly the rows a single
 * run would have written (and drops the entries of cases that closed in between).
 */
import { channels as allChannels, DayPlanMemo, historyLookbackDays, suspensionKinds, type Channel, type ContactAttempt, type ProfileId, type Suspension, type SuspensionKind } from '../../domain/contact-policy/index.ts';
import { addDays, parseCivilDate, type CivilDate } from '../../domain/time/index.ts';
import { outcomeForEngine } from '../messaging/contact-situation.ts';
import type { Clock } from '../ports/clock.ts';
import type { CaseKey, DailyPlanStore, PlanBatch, PlanCase, PlanContactPoint, PlanCounts, PlanEntry } from '../ports/daily-plan.ts';

export const defaultPlanBatchSize = 5_000;
/** The command's default: two key ranges planned side by side keep both the database and this process busy. */
export const defaultPlanWorkers = 2;

export interface DailyPlanInput {
  readonly planDate: string;
  readonly profile?: ProfileId;
  readonly batchSize?: number;
  /** Key ranges planned side by side (default 1): reads of one overlap decisions of another. */
  readonly workers?: number;
  /** Called after each page (progress on a terminal, peak memory in the benchmark). */
  readonly onBatch?: (progress: { readonly casesSeen: number; readonly contactable: number; readonly batch: number }) => void;
}

export interface DailyPlanResult extends PlanCounts {
  readonly planDate: CivilDate;
  readonly profile: ProfileId;
  readonly batches: number;
  readonly batchSize: number;
  /** Ranges actually planned side by side (fewer than asked for a small portfolio). */
  readonly workers: number;
  /** Cases whose day plan came from the memo (same key as a case decided before), not a new decision. */
  readonly sharedDecisions: number;
}

/** Phone types (libphonenumber-js, lower case) that can receive an SMS; null: unknown, tried. */
const smsCapable = new Set(['mobile', 'fixed_line_or_mobile']);

export async function computeDailyPlan(deps: { store: DailyPlanStore; clock: Clock }, input: DailyPlanInput): Promise<DailyPlanResult> {
  const planDate = parseCivilDate(input.planDate);
  const profile = input.profile ?? 'fr-amiable';
  const batchSize = input.batchSize ?? defaultPlanBatchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) throw new RangeError('batchSize must be an integer from 1 to 50000');
  const workers = input.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new RangeError('workers must be an integer from 1 to 16');
  // The longest cap or pause of the profile, counted back from the day before (local days start up
  // to 14 h before UTC midnight); anything older cannot change a decision for this day.
  const historySince = new Date(`${addDays(planDate, -historyLookbackDays(profile) - 1)}T00:00:00Z`);
  const validAt = new Date(`${planDate}T00:00:00Z`);

  await deps.store.startPlan({ planDate, profile, batchSize, at: deps.clock.now() });
  const counts = { casesSeen: 0, contactable: 0, errors: 0, channels: {} as Record<string, number>, refusedBy: {} as Record<string, number> };
  // Cases with no history, suspension or preference of their own share their day plan (bounded: one
  // entry per territory, status, notice and limitation state and channel list, not per case).
  const memo = new DayPlanMemo(planDate);
  const progress = { batches: 0 };
  // Workers take adjacent key ranges (null: the open end) that together cover every key, so the
  // range replacement below stays exact: a rerun with any page size or worker count leaves one run's rows.
  const cuts = await deps.store.splitKeys(workers);
  const bounds: (CaseKey | null)[] = [null, ...cuts, null];
  const ranges = cuts.length === 0 ? [{ from: null, to: null }] : bounds.slice(1).map((to, k) => ({ from: bounds[k]!, to }));
  await Promise.all(ranges.map((range) => planRange(deps.store, range, { planDate, profile, batchSize, historySince, validAt, memo, counts, progress, onBatch: input.onBatch })));
  const result: PlanCounts = { casesSeen: counts.casesSeen, contactable: counts.contactable, channels: counts.channels, refusedBy: counts.refusedBy, errors: counts.errors };
  await deps.store.finishPlan({ planDate, counts: result, at: deps.clock.now() });
  return { ...result, planDate, profile, batches: progress.batches, batchSize, workers: ranges.length, sharedDecisions: memo.hits };
}

interface RangeContext {
  readonly planDate: CivilDate;
  readonly profile: ProfileId;
  readonly batchSize: number;
  readonly historySince: Date;
  readonly validAt: Date;
  readonly memo: DayPlanMemo;
  readonly counts: MutableCounts;
  readonly progress: { batches: number };
  readonly onBatch: DailyPlanInput['onBatch'];
}

/**
 * One worker: the open cases in (from, to], page by page. At most three pages of its own are alive at
 * once — the one being decided, the next one prefetched, the previous one's entries being written.
 */
async function planRange(store: DailyPlanStore, range: { from: CaseKey | null; to: CaseKey | null }, c: RangeContext): Promise<void> {
  const read = (after: CaseKey | null) => guarded(store.readBatch({ after, until: range.to, limit: c.batchSize, historySince: c.historySince }));
  let after = range.from;
  let next = read(after);
  let writing: Promise<void> = Promise.resolve();
  for (;;) {
    const batch = await next;
    c.progress.batches += 1;
    const last = batch.cases.at(-1);
    const full = batch.cases.length === c.batchSize && last !== undefined;
    // The last page of the range replaces the rows up to the range's end.
    const upTo: CaseKey | null = full ? { creditorId: last.creditorId, caseId: last.caseId } : range.to;
    // Prefetch the next page while this one is decided.
    if (full) next = read(upTo);
    const entries = decideBatch(batch, c.memo, c.profile, c.validAt, c.counts);
    await writing;
    writing = guarded(store.writeBatch({ planDate: c.planDate, after, upTo, entries }));
    c.onBatch?.({ casesSeen: c.counts.casesSeen, contactable: c.counts.contactable, batch: c.progress.batches });
    if (!full) break;
    after = upTo;
  }
  await writing;
}

/** A promise awaited later: its rejection is handled there, not reported as unhandled meanwhile. */
function guarded<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

interface MutableCounts {
  casesSeen: number;
  contactable: number;
  errors: number;
  channels: Record<string, number>;
  refusedBy: Record<string, number>;
}

function decideBatch(batch: PlanBatch, memo: DayPlanMemo, profile: ProfileId, validAt: Date, counts: MutableCounts): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const kase of batch.cases) {
    counts.casesSeen += 1;
    const points = batch.contactPoints.get(kase.debtorId) ?? [];
    const phone = usable(points, 'phone', validAt);
    const email = usable(points, 'email', validAt);
    const postal = usable(points, 'postal', validAt);
    const channels: Channel[] = [];
    if (phone) channels.push('call');
    if (phone && (phone.phoneType === null || smsCapable.has(phone.phoneType))) channels.push('sms');
    if (email) channels.push('email');
    if (channels.length === 0) {
      counts.refusedBy['no-contact-point'] = (counts.refusedBy['no-contact-point'] ?? 0) + 1;
      continue;
    }
    const suspensions = batch.suspensions.get(kase.caseId) ?? [];
    const own = batch.preferences.get(kase.debtorId);
    try {
      const plan = memo.plan({
        id: kase.caseId,
        purpose: 'collection',
        profile,
        debtor: { postcode: postal?.postcode ?? null, country: postal?.country ?? 'FR', phone: phone?.value ?? null },
        case: situationCase(kase),
        suspensions: suspensions
          .filter((s): s is typeof s & { kind: SuspensionKind } => (suspensionKinds as readonly string[]).includes(s.kind))
          .map((s): Suspension<number> => ({ kind: s.kind, from: s.fromAt.getTime(), until: s.untilAt?.getTime() ?? null })),
        // As every send reads them (contact-situation.ts): a written-only suspension or the debtor's own
        // preferences (opt-out by channel, quiet hours, written only).
        preferences: {
          writtenOnly: suspensions.some((s) => s.kind === 'written-only') || own?.writtenOnly === true,
          optOut: (own?.optOut ?? []).filter((c): c is Channel => (allChannels as readonly string[]).includes(c)),
          quietHours: own?.quietHours ?? [],
          wrongNumbers: points.filter((p) => p.kind === 'phone' && p.status === 'wrong').map((p) => p.value),
        },
        history: historyOf(batch, kase.debtorId),
      }, channels);
      if (plan.channel === null) {
        for (const rule of plan.refusals[0]?.rules ?? []) counts.refusedBy[rule] = (counts.refusedBy[rule] ?? 0) + 1;
        continue;
      }
      counts.contactable += 1;
      counts.channels[plan.channel] = (counts.channels[plan.channel] ?? 0) + 1;
      entries.push({
        creditorId: kase.creditorId, caseId: kase.caseId, debtorId: kase.debtorId, teamId: kase.teamId, assignedUserId: kase.assignedUserId,
        channel: plan.channel, fromAt: new Date(plan.from!), territory: plan.territory, timeZone: plan.timeZone,
      });
    } catch (error) {
      // The engine refuses situations it cannot read (no territory, bad zone): never a contact.
      if (!(error instanceof RangeError)) throw error;
      counts.errors += 1;
    }
  }
  return entries;
}

function situationCase(kase: PlanCase) {
  return { id: kase.caseId, status: kase.status, noticeSentAt: kase.noticeSentAt?.getTime() ?? null, limitationExpiresOn: kase.limitationExpiresOn };
}

function usable(points: readonly PlanContactPoint[], kind: PlanContactPoint['kind'], at: Date): PlanContactPoint | null {
  let first: PlanContactPoint | null = null;
  for (const p of points) {
    if (p.kind !== kind || p.status === 'wrong' || p.status === 'invalid' || (p.validUntil !== null && p.validUntil <= at)) continue;
    if (p.isPrimary) return p;
    first ??= p;
  }
  return first;
}

function historyOf(batch: PlanBatch, debtorId: string): ContactAttempt<number>[] {
  const history: ContactAttempt<number>[] = [];
  for (const attempt of batch.history.get(debtorId) ?? []) {
    const outcome = outcomeForEngine(attempt.outcome);
    if (outcome === 'skip') continue;
    history.push({
      channel: attempt.channel, at: attempt.at.getTime(), outcome, callbackAt: attempt.callbackAt?.getTime() ?? null,
      caseId: attempt.caseId, purpose: attempt.purpose,
    });
  }
  return history;
}
