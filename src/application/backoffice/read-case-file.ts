/**
 * The case file: everything an agent needs on one screen. Identity and contact points with their
 * source and validity (GDPR Art. 14(2)(f)); the claim broken down and the balance; documents; the full
 * timeline (events, contact attempts with their compliance decision, messages, payments); the
 * compliance panel — per channel, allowed or not, every reason and the next lawful instant — and the
 * limitation status; arrangements and suspensions; the creditor mandate's limits.
 */
import { decideContact, type Channel, type Decision } from '../../domain/contact-policy/index.ts';
import { compareCivilDates, daysBetween, parseCivilDate } from '../../domain/time/index.ts';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { buildContactSituation, historyHorizonAt } from '../messaging/contact-situation.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import { usableContactPoint } from '../messaging/template-context.ts';
import type { CaseFileRaw, MandateTerms } from '../ports/backoffice-repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import { checkCaseAccess } from './case-access.ts';

/** The timeline shows the most recent entries of each kind; the file says how many events exist in all. */
export const TIMELINE_LIMIT = 1000;

export interface TimelineEntry {
  readonly at: string;
  readonly kind: 'event' | 'attempt' | 'message' | 'payment';
  readonly type: string;
  readonly id: string;
  readonly actor: string | null;
  readonly data: unknown;
}

export interface ChannelCompliance {
  readonly channel: Channel;
  readonly allowed: boolean;
  readonly reasons: Decision['reasons'];
  readonly nextAllowedAt: string | null;
  readonly localTime: string | null;
  readonly timeZone: string | null;
  /** No usable contact point for the channel, or a situation the engine cannot read. */
  readonly problem: 'no-contact-point' | 'unreadable' | null;
}

export interface CaseFile {
  readonly raw: CaseFileRaw;
  readonly balanceCents: number;
  readonly totalCents: number;
  readonly timeline: TimelineEntry[];
  readonly compliance: ChannelCompliance[];
  readonly limitation: { readonly kind: string | null; readonly expiresOn: string | null; readonly daysLeft: number | null; readonly status: 'unknown' | 'running' | 'soon' | 'expired' };
  readonly mandate: MandateTerms;
  readonly readOnly: boolean;
  readonly at: string;
}

const channelKind = { call: 'phone', sms: 'phone', email: 'email', letter: 'postal' } as const;

export async function readCaseFile(deps: { uow: UnitOfWork; clock: Clock }, actor: Actor, caseId: string): Promise<CaseFile> {
  const now = deps.clock.now();
  // A page that only displays: no transaction (UnitOfWork.read).
  return deps.uow.read(async (repos) => {
    // One statement: the file, the case as the engine sees it (loadCase's data, the debtor's history
    // across all their cases) and the mandate. The file's own row answers the access rule: nothing is
    // returned before it is checked.
    // The compliance panel decides at `now`: the engine's history is read back to what can change that.
    const found = await repos.backoffice.caseFile(caseId, TIMELINE_LIMIT, historyHorizonAt(now));
    checkCaseAccess(actor, found ? {
      caseId: found.raw.kase.id, creditorId: found.raw.kase.creditorId, debtorId: found.raw.kase.debtorId, status: found.raw.kase.status,
      teamId: found.raw.kase.teamId, assignedUserId: found.raw.kase.assignedUserId,
    } : null, 'read');
    if (!found) throw notFound('Case');
    const { raw, engineCase: kase, mandate } = found;
    const k = raw.kase;
    const totalCents = k.principalCents + k.interestCents + k.accessoriesCents;
    const balanceCents = Math.max(0, totalCents - k.paidCents - k.waivedCents);

    const timeline: TimelineEntry[] = [
      ...raw.events.map((e) => ({ at: e.at.toISOString(), kind: 'event' as const, type: e.type, id: e.id, actor: e.actorId, data: e.data })),
      ...raw.attempts.map((a) => ({
        at: a.at.toISOString(), kind: 'attempt' as const, type: `${a.channel}.${a.allowed ? a.outcome ?? 'made' : 'refused'}`, id: a.id, actor: a.userId,
        data: { channel: a.channel, direction: a.direction, outcome: a.outcome, allowed: a.allowed, address: a.address, decision: a.decision },
      })),
      ...raw.messages.map((m) => ({ at: m.createdAt.toISOString(), kind: 'message' as const, type: `${m.channel}.${m.template}`, id: m.id, actor: null, data: { status: m.status, sentAt: m.sentAt?.toISOString() ?? null, recipient: m.recipient } })),
      ...raw.payments.map((p) => ({ at: p.receivedAt.toISOString(), kind: 'payment' as const, type: `payment.${p.status}`, id: p.id, actor: null, data: { amountCents: p.amountCents, valueDate: p.valueDate, method: p.method } })),
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

    const compliance: ChannelCompliance[] = (['call', 'sms', 'email', 'letter'] as const).map((channel) => {
      const point = usableContactPoint(kase, channelKind[channel], now);
      if (!point) return { channel, allowed: false, reasons: [], nextAllowedAt: null, localTime: null, timeZone: null, problem: 'no-contact-point' };
      try {
        const d = decideContact(buildContactSituation(kase, { at: now, channel, purpose: 'collection', recipient: channel === 'call' || channel === 'sms' ? point.value : null }));
        return { channel, allowed: d.allowed, reasons: d.reasons, nextAllowedAt: d.nextAllowedAt, localTime: d.localTime, timeZone: d.timeZone, problem: null };
      } catch (error) {
        if (error instanceof RangeError) return { channel, allowed: false, reasons: [], nextAllowedAt: null, localTime: null, timeZone: null, problem: 'unreadable' };
        throw error;
      }
    });

    const today = parseCivilDate(civilDateInParis(now));
    const expiresOn = k.limitationExpiresOn;
    const daysLeft = expiresOn ? daysBetween(today, parseCivilDate(expiresOn)) : null;
    const limitation = {
      kind: k.limitationKind, expiresOn, daysLeft,
      status: expiresOn === null ? 'unknown' as const : compareCivilDates(parseCivilDate(expiresOn), today) < 0 ? 'expired' as const : daysLeft! <= 180 ? 'soon' as const : 'running' as const,
    };
    const readOnly = actor.kind === 'api_key' || (actor.kind === 'user' && actor.role === 'creditor');
    return { raw, balanceCents, totalCents, timeline, compliance, limitation, mandate, readOnly, at: now.toISOString() };
  });
}
