/**
 * Letters and messages: templates and their preview, enqueueing a message for a case, the outbox,
 * the daily print batch and its posting. Staff only; creditors never send in the agency's name.
 */
import fs from 'node:fs';
import { Type } from 'typebox';
import { createPrintBatch } from '../../../application/messaging/create-print-batch.ts';
import { dispatchOutbox } from '../../../application/messaging/dispatch-outbox.ts';
import { enqueueMessage } from '../../../application/messaging/enqueue-message.ts';
import { markBatchPosted } from '../../../application/messaging/mark-batch-posted.ts';
import type { MessagingDeps } from '../../../application/messaging/messaging-deps.ts';
import { listTemplates, previewTemplate } from '../../../application/messaging/preview-template.ts';
import { listOutbox, readOutboxMessage } from '../../../application/messaging/read-outbox.ts';
import { asLetter } from '../../../application/messaging/render-message.ts';
import { AppError, notFound } from '../../../application/errors.ts';
import type { LetterBatchRecord, OutboxRecord } from '../../../application/ports/messaging-repository.ts';
import { templateChannels, templateIds } from '../../../domain/letters/templates/index.ts';
import { staffRoles } from '../auth-rule.ts';
import { problemResponses } from '../problem.ts';
import type { AppInstanceBase } from './route-types.ts';

const managers = ['admin', 'manager'] as const;
const senders = ['admin', 'manager', 'agent'] as const;
const Uuid = Type.String({ format: 'uuid' });
const TemplateIdSchema = Type.Enum(templateIds);
const ChannelSchema = Type.Enum(templateChannels);
const LocaleSchema = Type.Union([Type.Literal('fr'), Type.Literal('en')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

const ReasonSchema = Type.Object({ rule: Type.String(), kind: Type.String(), citation: Type.String(), message: Type.Object({ fr: Type.String(), en: Type.String() }) });
const DecisionSchema = Type.Object({
  allowed: Type.Boolean(), reasons: Type.Array(ReasonSchema), nextAllowedAt: Nullable(Type.String()), localTime: Type.String(), territory: Type.String(),
}, { additionalProperties: true });

const OutboxSchema = Type.Object({
  id: Uuid, creditorId: Uuid, caseId: Uuid, channel: ChannelSchema, template: Type.String(), locale: LocaleSchema,
  purpose: Type.String(), recipient: Type.String(), status: Type.String(), attempts: Type.Integer(), nextAttemptAt: Instant,
  lastError: Nullable(Type.String()), decision: Nullable(DecisionSchema), verificationCode: Nullable(Type.String()),
  letterReference: Nullable(Type.String()), providerMessageId: Nullable(Type.String()), batchId: Nullable(Uuid), pages: Nullable(Type.Integer()),
  idempotencyKey: Type.String(), createdAt: Instant, sentAt: Nullable(Instant),
});

const BatchSchema = Type.Object({
  id: Uuid, batchDate: Type.String({ format: 'date' }), status: Type.String(), letterCount: Type.Integer(), pageCount: Type.Integer(),
  pdfSha256: Type.String(), createdBy: Type.String(), createdAt: Instant, postedAt: Nullable(Instant), postedBy: Nullable(Type.String()),
});

const FindingSchema = Type.Object({ rule: Type.String(), source: Type.String(), mention: Type.Optional(Type.String()), message: Type.Object({ fr: Type.String(), en: Type.String() }) });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
function outboxJson(row: OutboxRecord) {
  return {
    id: row.id, creditorId: row.creditorId, caseId: row.caseId, channel: row.channel, template: row.template, locale: row.locale, purpose: row.purpose,
    recipient: row.recipient, status: row.status, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt.toISOString(), lastError: row.lastError,
    decision: row.decision ? { ...row.decision, reasons: row.decision.reasons.map((r) => ({ ...r, message: { ...r.message } })) } : null, verificationCode: row.verificationCode, letterReference: row.letterReference, providerMessageId: row.providerMessageId,
    batchId: row.batchId, pages: row.pages, idempotencyKey: row.idempotencyKey, createdAt: row.createdAt.toISOString(), sentAt: iso(row.sentAt),
  };
}
function batchJson(batch: LetterBatchRecord) {
  return {
    id: batch.id, batchDate: batch.batchDate, status: batch.status, letterCount: batch.letterCount, pageCount: batch.pageCount, pdfSha256: batch.pdfSha256,
    createdBy: batch.createdBy, createdAt: batch.createdAt.toISOString(), postedAt: iso(batch.postedAt), postedBy: batch.postedBy,
  };
}

export function registerMessagingRoutes(app: AppInstanceBase, deps: MessagingDeps): void {
  app.get('/api/v1/templates', {
    config: { auth: { roles: staffRoles } },
    schema: {
      tags: ['letters'], summary: 'The message templates (reviewed files in the repository)', security: [{ session: [] }],
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), title: Type.Object({ fr: Type.String(), en: Type.String() }), channels: Type.Array(Type.String()), purpose: Type.String(), firstLetter: Type.Boolean(), asksForPayment: Type.Boolean() })) }), ...problemResponses },
    },
  }, async () => ({ items: listTemplates() }));

  const previewQuery = Type.Object({ channel: ChannelSchema, locale: Type.Optional(LocaleSchema), caseId: Type.Optional(Uuid) });
  app.get('/api/v1/templates/:template/preview', {
    config: { auth: { roles: staffRoles } },
    schema: {
      tags: ['letters'], summary: 'Render a template for a case (or the sample case) and show the linter\'s findings', security: [{ session: [] }],
      params: Type.Object({ template: TemplateIdSchema }), querystring: previewQuery,
      response: { 200: Type.Object({ template: Type.String(), channel: Type.String(), locale: Type.String(), findings: Type.Array(FindingSchema), subject: Nullable(Type.String()), text: Type.String(), html: Nullable(Type.String()) }), ...problemResponses },
    },
  }, async (request) => {
    const preview = await previewTemplate(deps, request.session!.actor, { template: request.params.template, channel: request.query.channel, locale: request.query.locale ?? 'fr', ...(request.query.caseId ? { caseId: request.query.caseId } : {}) });
    return { template: preview.template, channel: preview.channel, locale: preview.locale, findings: [...preview.findings], subject: preview.subject, text: preview.text, html: preview.html };
  });

  app.get('/api/v1/templates/:template/preview.pdf', {
    config: { auth: { roles: staffRoles } },
    schema: {
      tags: ['letters'], summary: 'The letter version of a template as a PDF (refused with the findings if the linter objects)', security: [{ session: [] }],
      params: Type.Object({ template: TemplateIdSchema }), querystring: Type.Object({ locale: Type.Optional(LocaleSchema), caseId: Type.Optional(Uuid) }),
      response: { 200: { description: 'application/pdf', content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } } }, ...problemResponses },
    },
  }, async (request, reply) => {
    const preview = await previewTemplate(deps, request.session!.actor, { template: request.params.template, channel: 'letter', locale: request.query.locale ?? 'fr', ...(request.query.caseId ? { caseId: request.query.caseId } : {}) });
    if (preview.findings.length > 0) throw new AppError('template_refused', 'The linter refuses this letter', { findings: preview.findings });
    const pdf = await deps.renderer.renderOne(asLetter(preview.document));
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${request.params.template}.pdf"`).send(pdf as never);
  });

  app.post('/api/v1/cases/:caseId/messages', {
    // Idempotent by the outbox's own key (200 on a repeat): the generic Idempotency-Key hook skips it.
    config: { auth: { roles: senders }, idempotency: 'route' },
    schema: {
      tags: ['letters'], summary: 'Queue a letter, SMS or e-mail for a case (linted now; sent only if the compliance engine allows it)',
      description: 'Idempotent: the `Idempotency-Key` header (or `idempotencyKey`) identifies the message; repeating the request returns the message already queued (200) instead of a second one (201).',
      security: [{ session: [], csrf: [] }],
      params: Type.Object({ caseId: Uuid }),
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
      body: Type.Object({ template: TemplateIdSchema, channel: ChannelSchema, locale: Type.Optional(LocaleSchema), idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }, { additionalProperties: false }),
      response: { 200: OutboxSchema, 201: OutboxSchema, ...problemResponses },
    },
  }, async (request, reply) => {
    const key = request.headers['idempotency-key'] ?? request.body.idempotencyKey;
    if (!key) throw new AppError('validation_failed', 'Send an Idempotency-Key header (or idempotencyKey) identifying this message');
    const result = await enqueueMessage(deps, request.session!.actor, {
      caseId: request.params.caseId, template: request.body.template, channel: request.body.channel, idempotencyKey: key,
      ...(request.body.locale ? { locale: request.body.locale } : {}),
    });
    return reply.status(result.created ? 201 : 200).send(outboxJson(result.message));
  });

  app.get('/api/v1/outbox', {
    config: { auth: { roles: staffRoles } },
    schema: {
      tags: ['letters'], summary: 'The outbox: every letter, SMS and e-mail with its status and the engine\'s decision', security: [{ session: [] }],
      querystring: Type.Object({
        status: Type.Optional(Type.Enum(['pending', 'sending', 'sent', 'refused', 'failed'] as const)), channel: Type.Optional(ChannelSchema),
        caseId: Type.Optional(Uuid), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(OutboxSchema), total: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => {
    const q = request.query;
    const result = await listOutbox(deps, request.session!.actor, {
      limit: q.limit, offset: q.offset, ...(q.status ? { status: q.status as OutboxRecord['status'] } : {}), ...(q.channel ? { channel: q.channel } : {}), ...(q.caseId ? { caseId: q.caseId } : {}),
    });
    return { items: result.items.map(outboxJson), total: result.total };
  });

  app.get('/api/v1/outbox/:id', {
    config: { auth: { roles: staffRoles } },
    schema: {
      tags: ['letters'], summary: 'One message, with its text when the built-in catcher kept it', security: [{ session: [] }],
      params: Type.Object({ id: Uuid }),
      response: { 200: Type.Object({ message: OutboxSchema, caught: Nullable(Type.Object({ recipient: Type.String(), subject: Nullable(Type.String()), text: Type.String(), html: Nullable(Type.String()), at: Instant })) }), ...problemResponses },
    },
  }, async (request) => {
    const { message, caught } = await readOutboxMessage(deps, request.session!.actor, request.params.id);
    return { message: outboxJson(message), caught: caught ? { recipient: caught.recipient, subject: caught.subject, text: caught.textBody, html: caught.htmlBody, at: caught.createdAt.toISOString() } : null };
  });

  app.post('/api/v1/outbox/dispatch', {
    config: { auth: { roles: managers } },
    schema: {
      tags: ['letters'], summary: 'Send the due SMS and e-mails now (the outbox.send job does it every AMIABLE_OUTBOX_INTERVAL_SECONDS)', security: [{ session: [], csrf: [] }],
      response: { 200: Type.Object({ claimed: Type.Integer(), results: Type.Array(Type.Object({ id: Uuid, outcome: Type.String(), detail: Type.Optional(Type.String()) })) }), ...problemResponses },
    },
  }, async () => {
    const report = await dispatchOutbox(deps);
    return { claimed: report.claimed, results: [...report.results] };
  });

  app.post('/api/v1/letters/batches', {
    config: { auth: { roles: managers } },
    schema: {
      tags: ['letters'], summary: 'Produce the daily print batch: first letters for new cases and every letter due, one PDF and a CSV manifest', security: [{ session: [], csrf: [] }],
      response: {
        200: Type.Object({
          batch: Nullable(BatchSchema), firstLettersQueued: Type.Integer(),
          refused: Type.Array(Type.Object({ caseId: Uuid, reason: Type.String(), outboxId: Type.Optional(Uuid) })),
        }), ...problemResponses,
      },
    },
  }, async (request) => {
    const result = await createPrintBatch(deps, request.session!.actor);
    return {
      batch: result.batch ? batchJson(result.batch) : null, firstLettersQueued: result.firstLetters.queued,
      refused: [...result.firstLetters.refused.map((r) => ({ caseId: r.caseId, reason: r.reason })), ...result.refused],
    };
  });

  app.get('/api/v1/letters/batches', {
    config: { auth: { roles: staffRoles } },
    schema: { tags: ['letters'], summary: 'Recent print batches', security: [{ session: [] }], response: { 200: Type.Object({ items: Type.Array(BatchSchema) }), ...problemResponses } },
  }, async () => ({ items: (await deps.uow.run((repos) => repos.messaging.listBatches(100))).map(batchJson) }));

  for (const [suffix, kind, type] of [['pdf', 'pdfPath', 'application/pdf'], ['manifest.csv', 'csvPath', 'text/csv; charset=utf-8']] as const) {
    app.get(`/api/v1/letters/batches/:batchId/${suffix}`, {
      config: { auth: { roles: managers } },
      schema: {
        tags: ['letters'], summary: suffix === 'pdf' ? 'The batch\'s PDF (all its letters)' : 'The batch\'s CSV manifest for the mailing house', security: [{ session: [] }],
        params: Type.Object({ batchId: Uuid }),
        response: { 200: { description: type, content: { [type.split(';')[0]!]: { schema: Type.String({ format: 'binary' }) } } }, ...problemResponses },
      },
    }, async (request, reply) => {
      const batch = await deps.uow.run((repos) => repos.messaging.findBatch(request.params.batchId));
      if (!batch || !fs.existsSync(batch[kind])) throw notFound('Print batch');
      return reply.type(type).header('content-disposition', `attachment; filename="batch-${batch.batchDate}-${batch.id.slice(-8)}.${suffix.split('.').pop()}"`).send(fs.createReadStream(batch[kind]) as never);
    });
  }

  app.post('/api/v1/letters/batches/:batchId/posted', {
    config: { auth: { roles: managers } },
    schema: {
      tags: ['letters'], summary: 'Mark a batch posted: records each letter\'s sending date; first letters move their case from notice_pending to active', security: [{ session: [], csrf: [] }],
      params: Type.Object({ batchId: Uuid }), body: Type.Object({ postedAt: Type.Optional(Instant) }, { additionalProperties: false }),
      response: { 200: Type.Object({ batch: BatchSchema, letters: Type.Integer(), casesActivated: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => {
    const result = await markBatchPosted(deps, request.session!.actor, { batchId: request.params.batchId, ...(request.body.postedAt ? { postedAt: new Date(request.body.postedAt) } : {}) });
    return { batch: batchJson(result.batch), letters: result.letters, casesActivated: result.casesActivated };
  });
}
