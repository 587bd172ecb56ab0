/**
 * Sends the SMS and e-mails that are due, each exactly once.
 *
 * 1. Claim due rows in a short transaction (FOR UPDATE SKIP LOCKED): `sending` under a fresh claim
 *    token and a lease. A row `sending` with an expired lease was abandoned (crash) and is claimed again.
 * 2. Ask the compliance engine (decideContact) with the case, territory, suspensions, preferences and
 *    the debtor's history across all cases. Refused: the row becomes `refused` with the decision's
 *    reasons, a refused contact attempt is recorded, and nothing reaches a provider.
 * 3. Allowed: store the decision with a contact attempt *before* sending, lint the message again, send
 *    it with the row id as delivery key (Message-ID / Idempotency-Key / catcher key).
 * 4. Mark the row `sent` only if it is still ours (same claim token): a dispatcher that lost its lease
 *    can never overwrite the row, and a `sent` row is never claimed again.
 * A crash between 3 and 4 leaves the row `sending`; after the lease it is claimed again and resent
 * under the same delivery key, which the provider deduplicates: the debtor receives one message.
 */
import { decideContact, type Decision } from '../../domain/contact-policy/index.ts';
import type { TemplateId } from '../../domain/letters/templates/index.ts';
import { AppError } from '../errors.ts';
import { ProviderError } from '../ports/messaging.ts';
import type { OutboxRecord } from '../ports/messaging-repository.ts';
import { buildContactSituation } from './contact-situation.ts';
import type { MessagingDeps } from './messaging-deps.ts';
import { parsePayload } from './outbox-payload.ts';
import { renderChecked, textOf } from './render-message.ts';

export interface DispatchOptions {
  readonly limit?: number;
  /** How long a claim lasts before another dispatcher may take the row over. */
  readonly leaseSeconds?: number;
}

export type DispatchOutcome = 'sent' | 'refused' | 'failed' | 'retry' | 'lost';

export interface DispatchReport {
  readonly claimed: number;
  readonly results: readonly {
    readonly id: string; readonly outcome: DispatchOutcome; readonly detail?: string;
    /** Refused by the compliance engine: the rules that refused it (metrics count them). */
    readonly rules?: readonly string[];
  }[];
}

/** Retries back off 1, 2, 4… minutes, at most 6 hours; after 8 attempts the row fails for good. */
const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1) * 60_000, 6 * 3_600_000);

type Deps = Pick<MessagingDeps, 'uow' | 'clock' | 'codes' | 'agency' | 'mailer' | 'sms'>;

export async function dispatchOutbox(deps: Deps, options: DispatchOptions = {}): Promise<DispatchReport> {
  const now = deps.clock.now();
  const token = deps.codes.id();
  const leaseUntil = new Date(now.getTime() + (options.leaseSeconds ?? 300) * 1000);
  const claimed = await deps.uow.run((repos) => repos.messaging.claimDue(now, options.limit ?? 50, leaseUntil, token));
  const results: { id: string; outcome: DispatchOutcome; detail?: string; rules?: readonly string[] }[] = [];
  for (const row of claimed) results.push({ id: row.id, ...(await dispatchOne(deps, row, token)) });
  return { claimed: claimed.length, results };
}

async function dispatchOne(deps: Deps, row: OutboxRecord, token: string): Promise<{ outcome: DispatchOutcome; detail?: string; rules?: readonly string[] }> {
  const channel = row.channel === 'sms' ? 'sms' : 'email';
  const parsed = parsePayload(row.payloadVersion, row.payload);
  if (!parsed.ok) return fail(deps, row, token, parsed.error);
  if (!deps.agency.profile) {
    // Production without a complete agency profile sends nothing; the row waits for the configuration.
    return retry(deps, row, token, `agency profile incomplete: ${deps.agency.missing.join(', ')}`);
  }

  // 2. The compliance engine decides, on the facts as they are now.
  const now = deps.clock.now();
  const decided = await deps.uow.run(async (repos) => {
    const kase = await repos.messaging.loadCase(row.caseId);
    if (!kase) return { refusedFor: 'the case no longer exists', decision: null };
    let decision: Decision;
    try {
      decision = decideContact(buildContactSituation(kase, { at: now, channel, purpose: row.purpose, recipient: row.recipient, ownAttemptId: row.contactAttemptId }));
    } catch (error) {
      return { refusedFor: `the engine cannot decide: ${(error as Error).message}`, decision: null };
    }
    if (!decision.allowed) {
      const attemptId = deps.codes.id();
      await repos.messaging.markRefused(row.creditorId, row.id, token, decision, decision.reasons.map((r) => r.rule).join(', '));
      await repos.messaging.insertContactAttempt({
        creditorId: row.creditorId, id: attemptId, caseId: row.caseId, debtorId: row.debtorId, channel: row.channel, purpose: row.purpose, at: now,
        outcome: 'refused', address: row.recipient, contactPointId: row.contactPointId, allowed: false, decision, userId: null, verificationCode: null,
      });
      await repos.messaging.appendCaseEvent({
        creditorId: row.creditorId, caseId: row.caseId, at: now, type: 'message.refused', actorKind: 'system', actorId: 'outbox',
        data: { outboxId: row.id, template: row.template, channel: row.channel, reasons: decision.reasons.map((r) => r.rule), nextAllowedAt: decision.nextAllowedAt },
      });
      return { refusedFor: null, decision, refused: true };
    }
    // Allowed: the decision and the attempt are stored before anything leaves.
    const attemptId = row.contactAttemptId ?? deps.codes.id();
    if (!(await repos.messaging.recordDecision(row.creditorId, row.id, token, decision, attemptId))) return { lost: true, decision };
    if (row.contactAttemptId === null) {
      await repos.messaging.insertContactAttempt({
        creditorId: row.creditorId, id: attemptId, caseId: row.caseId, debtorId: row.debtorId, channel: row.channel, purpose: row.purpose, at: now,
        outcome: 'pending', address: row.recipient, contactPointId: row.contactPointId, allowed: true, decision, userId: null,
        verificationCode: row.verificationCode,
      });
    }
    return { decision, attemptId };
  });
  if ('lost' in decided) return { outcome: 'lost', detail: 'another dispatcher owns the row' };
  if ('refused' in decided) {
    const rules = decided.decision!.reasons.map((r) => r.rule);
    return { outcome: 'refused', detail: rules.join(', '), rules };
  }
  if (decided.refusedFor) {
    await deps.uow.run((repos) => repos.messaging.markRefused(row.creditorId, row.id, token, null, decided.refusedFor!));
    return { outcome: 'refused', detail: decided.refusedFor };
  }
  const attemptId = decided.attemptId!;

  // 3. Lint again and send under the row's delivery key.
  let body: ReturnType<typeof textOf>;
  try {
    body = textOf(renderChecked(row.template as TemplateId, channel, parsed.context));
  } catch (error) {
    const detail = error instanceof AppError ? error.message : String(error);
    await deps.uow.run(async (repos) => {
      await repos.messaging.markRefused(row.creditorId, row.id, token, null, detail);
      await repos.messaging.updateContactAttemptOutcome(row.creditorId, attemptId, 'refused');
    });
    return { outcome: 'refused', detail };
  }
  let providerMessageId: string;
  try {
    const receipt = channel === 'sms'
      ? await deps.sms.send({ deliveryKey: row.id, to: row.recipient, text: body.text })
      : await deps.mailer.send({ deliveryKey: row.id, to: row.recipient, subject: body.subject ?? '', text: body.text, html: body.html ?? '' });
    providerMessageId = receipt.providerMessageId;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (error instanceof ProviderError && error.permanent) {
      await deps.uow.run(async (repos) => {
        await repos.messaging.markFailed(row.creditorId, row.id, token, detail);
        await repos.messaging.updateContactAttemptOutcome(row.creditorId, attemptId, 'failed');
      });
      return { outcome: 'failed', detail };
    }
    // Unknown whether the provider accepted it: retry later under the same delivery key.
    return retry(deps, row, token, detail);
  }

  // 4. Record the result, only if the row is still ours.
  const sentAt = deps.clock.now();
  const recorded = await deps.uow.run(async (repos) => {
    if (!(await repos.messaging.markSent(row.creditorId, row.id, token, providerMessageId, sentAt))) return false;
    await repos.messaging.updateContactAttemptOutcome(row.creditorId, attemptId, 'sent', sentAt);
    await repos.messaging.appendCaseEvent({
      creditorId: row.creditorId, caseId: row.caseId, at: sentAt, type: 'message.sent', actorKind: 'system', actorId: 'outbox',
      data: { outboxId: row.id, template: row.template, channel: row.channel, verificationCode: row.verificationCode, providerMessageId },
    });
    return true;
  });
  return recorded ? { outcome: 'sent', detail: providerMessageId } : { outcome: 'lost', detail: 'the lease expired and another dispatcher took the row' };
}

async function retry(deps: Deps, row: OutboxRecord, token: string, detail: string): Promise<{ outcome: DispatchOutcome; detail: string }> {
  if (row.attempts >= MAX_ATTEMPTS) return fail(deps, row, token, `${detail} (gave up after ${row.attempts} attempts)`);
  const next = new Date(deps.clock.now().getTime() + backoffMs(row.attempts));
  await deps.uow.run((repos) => repos.messaging.reschedule(row.creditorId, row.id, token, detail, next));
  return { outcome: 'retry', detail };
}

async function fail(deps: Deps, row: OutboxRecord, token: string, detail: string): Promise<{ outcome: DispatchOutcome; detail: string }> {
  await deps.uow.run(async (repos) => {
    await repos.messaging.markFailed(row.creditorId, row.id, token, detail);
    if (row.contactAttemptId) await repos.messaging.updateContactAttemptOutcome(row.creditorId, row.contactAttemptId, 'failed');
  });
  return { outcome: 'failed', detail };
}
