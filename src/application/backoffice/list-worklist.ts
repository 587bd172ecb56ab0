/**
 * The agent's worklist: the cases assigned to them and their team's shared pool that the compliance
 * engine allows calling now, best first. The database gives candidates in stored priority order
 * (index-backed, LIMIT, no open suspension, gate `next_call_at` passed), each with the case as the
 * engine sees it — in one statement; the engine then decides each candidate at the current instant with
 * the contact history that can change that decision (`historyHorizon`: the debtor's attempts of the last
 * days across all their cases, and older ones whose callback is still due), and only the allowed ones
 * are shown, each with the reasons of its place, its call window and the debtor's local time. The scan is bounded: a page never costs
 * more than `maxScan` candidates, and says how many it skipped.
 */
import { callWindow, type PriorityReason } from '../../domain/backoffice/index.ts';
import type { Actor, UserRole } from '../actor.ts';
import { AppError, forbidden } from '../errors.ts';
import { admitRole, admitSession, resolveSession, type ActiveSession, type SessionDeps } from '../auth/session.ts';
import type { WorklistCandidate, WorklistCandidateCase, WorklistQuery } from '../ports/backoffice-repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { Repositories, UnitOfWork } from '../ports/repositories.ts';
import { historyHorizonAt, situationProfile } from '../messaging/contact-situation.ts';
import { callDecision } from './call-decision.ts';

export interface WorklistRequest {
  /** 'mine': assigned to me; 'team': my team's unassigned pool; 'all' (default): both. */
  readonly scope?: 'mine' | 'team' | 'all';
  /** Managers and admins may look at another agent's or team's list. */
  readonly userId?: string;
  readonly teamId?: string;
  readonly limit: number;
  /** Opaque cursor from the previous page. */
  readonly cursor?: string;
}

export interface WorklistItem {
  readonly caseId: string;
  readonly creditorName: string;
  readonly debtorName: string;
  readonly creditorReference: string;
  readonly status: string;
  readonly balanceCents: number;
  readonly priority: number;
  readonly reasons: readonly PriorityReason[];
  readonly window: { readonly until: string | null; readonly callsLeft: number | null; readonly message: { readonly fr: string; readonly en: string } };
  /** The debtor's wall clock now, with offset, and its zone and territory. */
  readonly debtorLocalTime: string;
  readonly debtorTimeZone: string;
  readonly territory: string;
  readonly assignedToMe: boolean;
}

export interface WorklistPage {
  readonly items: WorklistItem[];
  readonly nextCursor: string | null;
  /** Candidates the engine refused at this instant (skipped). */
  readonly skipped: number;
  readonly at: string;
}

const encodeCursor = (c: WorklistCandidate) => Buffer.from(JSON.stringify([c.callPriority, c.caseId])).toString('base64url');
function decodeCursor(cursor: string | undefined): { priority: number; id: string } | null {
  if (!cursor) return null;
  try {
    const [priority, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof priority === 'number' && Number.isInteger(priority) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { priority, id };
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 'Invalid cursor', { errors: [{ path: '/cursor', message: 'not a cursor from a previous page' }] });
}

export async function listWorklist(deps: { uow: UnitOfWork; clock: Clock }, actor: Actor, request: WorklistRequest): Promise<WorklistPage> {
  const now = deps.clock.now();
  // Read-only: no transaction. Each batch of candidates comes with the case as the engine sees it, in one statement.
  return deps.uow.read(async (repos) => worklistPage(repos, actor, request, now, null));
}

/**
 * The worklist of the user whose session cookie is `token`, with the session read by the page's first
 * statement instead of one of its own before it (a page's two statements were the session's, then the
 * page's): the same checks as `resolveSession` (`admitSession`: unknown or expired → unauthenticated; user
 * gone or disabled → session deleted, unauthenticated; the expiry's touch once a minute), then the route's
 * `roles` (forbidden) — and the statement reads no case unless the session passes them. A request for
 * another agent's or team's list reads the session first, as every route does.
 */
export async function listWorklistForSession(deps: SessionDeps, token: string, roles: readonly UserRole[], request: WorklistRequest): Promise<{ session: ActiveSession; page: WorklistPage }> {
  if (request.userId !== undefined || request.teamId !== undefined) {
    const session = admitRole(await resolveSession(deps, token), roles);
    return { session, page: await listWorklist(deps, session.actor, request) };
  }
  const now = deps.clock.now();
  const sessionId = deps.secrets.digest(token);
  const scope = request.scope ?? 'all';
  const need = request.limit;
  const after = decodeCursor(request.cursor);
  const horizon = historyHorizonAt(now);
  return deps.uow.read(async (repos) => {
    const { found, candidates } = await repos.backoffice.sessionWorklistCandidates(
      { sessionId, roles, scope, now, after, limit: candidateBatch(need, need * 4) }, horizon,
    );
    const session = admitRole(await admitSession(deps, repos.sessions, sessionId, found, now), roles);
    return { session, page: await worklistPage(repos, session.actor, request, now, candidates) };
  });
}

/** The candidates a page still needing `need` items reads next: a quarter more for the ones the engine refuses, within the `room` left to scan. */
const candidateBatch = (need: number, room: number) => Math.min(need + Math.ceil(need / 4), room);

/** The page, its first batch of candidates already read (`firstBatch`) or not. */
async function worklistPage(
  repos: Pick<Repositories, 'backoffice'>, actor: Actor, request: WorklistRequest, now: Date, firstBatch: readonly WorklistCandidateCase[] | null,
): Promise<WorklistPage> {
  if (actor.kind !== 'user' || actor.role === 'creditor') throw forbidden('The worklist is for agents and managers');
  const lookingAtOthers = (request.userId !== undefined && request.userId !== actor.userId) || (request.teamId !== undefined && request.teamId !== actor.teamId);
  if (lookingAtOthers && actor.role === 'agent') throw forbidden('An agent sees their own worklist');
  const userId = request.userId ?? (request.teamId === undefined ? actor.userId : undefined);
  const teamId = request.teamId ?? (request.userId === undefined ? actor.teamId ?? undefined : undefined);
  const scope = request.scope ?? 'all';
  const maxScan = request.limit * 4;
  // Every candidate is decided at `now`: its history is read back to what can change that decision.
  const horizon = historyHorizonAt(now);
  let after = decodeCursor(request.cursor);
  let readAhead = firstBatch;

  const items: WorklistItem[] = [];
  let skipped = 0;
  let scanned = 0;
  let exhausted = false;
  let last: WorklistCandidate | null = null;
  while (items.length < request.limit && scanned < maxScan && !exhausted) {
    const batch = candidateBatch(request.limit - items.length, maxScan - scanned);
    let candidates: readonly WorklistCandidateCase[];
    if (readAhead !== null) {
      // Read with the session, as this loop's first batch would have been.
      candidates = readAhead;
      readAhead = null;
    } else {
      const queries: WorklistQuery[] = [];
      if ((scope === 'mine' || scope === 'all') && userId !== undefined) queries.push({ userId, now, after, limit: batch });
      if ((scope === 'team' || scope === 'all') && teamId !== undefined) queries.push({ teamId, unassignedOnly: userId !== undefined, now, after, limit: batch });
      // Both scopes merged in (priority desc, id) order, with each candidate's engine case, by one statement.
      candidates = await repos.backoffice.worklistCandidates(queries, batch, horizon);
    }
    if (candidates.length < batch) exhausted = true;
    for (const { candidate, engineCase: kase } of candidates) {
      if (items.length >= request.limit) break;
      scanned++;
      last = candidate;
      after = { priority: candidate.callPriority, id: candidate.caseId };
      const { decision } = callDecision(kase, now);
      if (!decision || !decision.allowed) {
        skipped++;
        continue;
      }
      const history = kase.history.filter((a) => a.outcome !== 'refused').map((a) => ({ channel: a.channel, at: a.at.toISOString(), purpose: a.purpose }));
      const window = callWindow(situationProfile, now.getTime(), decision.timeZone, history);
      items.push({
        caseId: candidate.caseId, creditorName: candidate.creditorName, debtorName: candidate.debtorName, creditorReference: candidate.creditorReference,
        status: candidate.status, balanceCents: candidate.balanceCents, priority: candidate.callPriority, reasons: candidate.priorityReasons,
        window: { until: window.until, callsLeft: window.callsLeft, message: window.message },
        debtorLocalTime: decision.localTime, debtorTimeZone: decision.timeZone, territory: decision.territory,
        assignedToMe: candidate.assignedUserId === actor.userId,
      });
    }
    if (candidates.length === 0) exhausted = true;
  }
  return { items, nextCursor: exhausted && (last === null || items.length < request.limit) ? null : last ? encodeCursor(last) : null, skipped, at: now.toISOString() };
}
