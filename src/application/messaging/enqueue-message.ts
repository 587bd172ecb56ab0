/**
 * Puts a letter, SMS or e-mail in the outbox. The message is composed and linted now (a refused
 * template never enters the outbox), its context is stored as the job's payload, and the idempotency
 * key makes a repeated request return the message already queued instead of a second one.
 */
import { rfReferenceForCase } from '../../domain/letters/rf-reference.ts';
import { templates, type TemplateChannel, type TemplateContext, type TemplateId } from '../../domain/letters/templates/index.ts';
import type { Locale } from '../../domain/letters/format.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { CaseForMessaging, OutboxRecord } from '../ports/messaging-repository.ts';
import type { Repositories as AllRepositories } from '../ports/repositories.ts';
import { requireAgency, type MessagingDeps } from './messaging-deps.ts';
import { OUTBOX_PAYLOAD_VERSION, toPayload } from './outbox-payload.ts';
import { civilDateInParis, messageReference, renderChecked } from './render-message.ts';
import { buildTemplateContext, usableContactPoint } from './template-context.ts';

export interface EnqueueMessageInput {
  readonly caseId: string;
  readonly template: TemplateId;
  readonly channel: TemplateChannel;
  readonly locale?: Locale;
  /** Same key, same message: a retried request never queues a second one. */
  readonly idempotencyKey: string;
  readonly extras?: Partial<Pick<TemplateContext, 'promise' | 'plan' | 'payment' | 'dispute' | 'documentsRequest' | 'timeBarred' | 'certificate'>>;
}

/** Placeholder for the access code while linting at enqueue time: the real one is made at print time. */
const ACCESS_CODE_PLACEHOLDER = 'XXXX-XXXX-XXXX';

export async function enqueueMessage(
  deps: Pick<MessagingDeps, 'uow' | 'clock' | 'codes' | 'agency'>,
  actor: Actor,
  input: EnqueueMessageInput,
): Promise<{ message: OutboxRecord; created: boolean }> {
  const agency = requireAgency(deps.agency);
  const spec = templates[input.template];
  if (!spec) throw new AppError('validation_failed', `Unknown template ${input.template}`);
  if (!spec.channels.includes(input.channel)) throw new AppError('validation_failed', `Template ${input.template} has no ${input.channel} version`);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const kase = await repos.messaging.loadCase(input.caseId);
    if (!kase) throw notFound('Case');
    return enqueueFor(repos, deps, actor, kase, agency, input, now);
  });
}

/**
 * Why a message on this channel cannot reach the debtor (no usable contact point of its kind), or null:
 * what enqueueFor refuses with. Asked first by callers for whom that is common and not a fault (a
 * receipt for each of tens of thousands of bank payments), which then need no error per message.
 */
export function unreachableBy(kase: CaseForMessaging, channel: TemplateChannel, now: Date): string | null {
  const kind = contactKindOf(channel);
  return usableContactPoint(kase, kind, now) ? null : noUsableContactPoint(kind);
}

const contactKindOf = (channel: TemplateChannel) => (channel === 'letter' ? 'postal' : channel === 'sms' ? 'phone' : 'email');
const noUsableContactPoint = (kind: 'postal' | 'phone' | 'email') =>
  `The debtor has no usable ${kind === 'postal' ? 'postal address' : kind === 'phone' ? 'phone number' : 'e-mail address'}`;

/** The body of enqueueMessage, inside the caller's transaction (the notice workflow enqueues many). */
export async function enqueueFor(
  repos: AllRepositories,
  deps: Pick<MessagingDeps, 'codes'>,
  actor: Actor,
  kase: CaseForMessaging,
  agency: NonNullable<MessagingDeps['agency']['profile']>,
  input: EnqueueMessageInput,
  now: Date,
): Promise<{ message: OutboxRecord; created: boolean }> {
  const spec = templates[input.template];
  const kind = contactKindOf(input.channel);
  const point = usableContactPoint(kase, kind, now);
  if (!point) throw new AppError('validation_failed', noUsableContactPoint(kind));
  const postal = usableContactPoint(kase, 'postal', now);
  const rfReference = kase.rfReference ?? rfReferenceForCase(kase.caseId);
  if (!kase.rfReference) await repos.messaging.setRfReference(kase.creditorId, kase.caseId, rfReference);
  const existing = await repos.messaging.findByIdempotencyKey(kase.creditorId, input.idempotencyKey);
  if (existing) return { message: existing, created: false };
  const first = spec.firstLetter ? null : await repos.messaging.findFirstLetter(kase.caseId);
  const date = civilDateInParis(now);
  const { id, verificationCode, reference } = await drawUniqueCodes(repos, deps, kase, input.channel, date);
  const context = buildTemplateContext(kase, agency, {
    locale: input.locale ?? 'fr', date, reference, rfReference,
    firstLetter: first ? { reference: first.reference, date: civilDateInParis(first.sentAt) } : null,
    verificationCode, postal, ...(input.extras ? { extras: input.extras } : {}),
  });
  renderChecked(input.template, input.channel, spec.firstLetter ? { ...context, accessCode: ACCESS_CODE_PLACEHOLDER } : context);
  const result = await repos.messaging.enqueue({
    creditorId: kase.creditorId, id, caseId: kase.caseId, debtorId: kase.debtorId, channel: input.channel, template: input.template,
    locale: context.locale, purpose: spec.purpose, recipient: input.channel === 'letter' ? [context.debtor.displayName, ...context.debtor.postalLines].join(', ') : point.value,
    contactPointId: point.id, payloadVersion: OUTBOX_PAYLOAD_VERSION, payload: toPayload(context), idempotencyKey: input.idempotencyKey,
    nextAttemptAt: now, verificationCode, letterReference: input.channel === 'letter' ? context.reference : null,
  });
  if (result.created) {
    await repos.messaging.appendCaseEvent({
      creditorId: kase.creditorId, caseId: kase.caseId, at: now, type: 'message.enqueued', actorKind: eventActorKind(actor), actorId: actorId(actor),
      data: { outboxId: id, template: input.template, channel: input.channel, reference: context.reference },
    });
  }
  return { message: result.record, created: result.created };
}

/** Codes are random; a clash with one already issued (to any creditor) is astronomically rare but possible. */
const maxCodeDraws = 5;

/**
 * Draws the message id, its verification code (SMS and e-mail) and its reference, and registers the
 * codes debtors type or quote, which must be unique across every creditor (`code_registry`).
 */
async function drawUniqueCodes(
  repos: AllRepositories, deps: Pick<MessagingDeps, 'codes'>, kase: CaseForMessaging, channel: EnqueueMessageInput['channel'], date: string,
): Promise<{ id: string; verificationCode: string | null; reference: string }> {
  for (let draw = 1; draw <= maxCodeDraws; draw++) {
    const id = deps.codes.id();
    const verificationCode = channel === 'letter' ? null : deps.codes.verificationCode();
    const reference = messageReference(channel, date, id);
    const owner = { creditorId: kase.creditorId, caseId: kase.caseId, ownerId: id };
    const taken = await repos.messaging.reserveCodes([
      ...(verificationCode ? [{ code: verificationCode, kind: 'verification_code' as const, ...owner }] : []),
      ...(channel === 'letter' ? [{ code: reference, kind: 'letter_reference' as const, ...owner }] : []),
    ]);
    if (taken.length === 0) return { id, verificationCode, reference };
  }
  throw new AppError('conflict', `Could not draw a unique message code in ${maxCodeDraws} attempts`);
}
