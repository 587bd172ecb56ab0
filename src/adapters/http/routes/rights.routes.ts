/**
 * Public "Know your rights" tools (issue #8) — the same rule engine as the back office, through the
 * compliance use cases — and the back office's tracking of the debtors' rights requests.
 */
import { Type } from 'typebox';
import { computeLimitationItem, LimitationInputSchema, LimitationOutputSchema } from '../../../application/compliance/index.ts';
import { AppError } from '../../../application/errors.ts';
import { checkCallPattern, MAX_CHECKED_CALLS } from '../../../application/portal/check-call-pattern.ts';
import type { PortalDeps } from '../../../application/portal/portal-deps.ts';
import { decideRightsRequest, listRightsRequests } from '../../../application/portal/rights-requests.ts';
import { civilDateInParis } from '../../../application/messaging/render-message.ts';
import { rightsLetter, rightsLetterKinds } from '../../../domain/portal/rights-letters.ts';
import { requestActor } from '../request-actor.ts';
import { problemResponses } from '../problem.ts';
import type { AppInstanceBase } from './route-types.ts';

const toolRateLimit = { max: 60, timeWindow: '1 minute' };
const tags = ['rights'];

export function registerRightsRoutes(app: AppInstanceBase, deps: PortalDeps): void {
  app.post('/api/v1/rights/limitation', {
    config: { auth: { public: 'public limitation checker: general information on the law, no personal data' }, rateLimit: toolRateLimit },
    schema: {
      tags, summary: 'Is a debt time-barred? (same engine as the back office)',
      body: Type.Omit(LimitationInputSchema, ['id']),
      response: { 200: LimitationOutputSchema, ...problemResponses },
    },
  }, async (request) => {
    const outcome = computeLimitationItem(request.body);
    if (!outcome.ok) throw new AppError('validation_failed', outcome.error);
    return outcome.value;
  });

  app.post('/api/v1/rights/call-pattern', {
    config: { auth: { public: 'public call-pattern checker: general information on the policy, no personal data kept' }, rateLimit: toolRateLimit },
    schema: {
      tags, summary: 'Which of the calls I received break the fr-amiable policy, and why',
      body: Type.Object({
        postcode: Type.String({ pattern: '^\\d{5}$' }),
        noticeReceivedOn: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
        stopRequestedAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
        calls: Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), answered: Type.Boolean() }, { additionalProperties: false }), { minItems: 1, maxItems: MAX_CHECKED_CALLS }),
      }, { additionalProperties: false }),
    },
  }, async (request) => ({ calls: checkCallPattern(request.body) }));

  app.post('/api/v1/rights/letters', {
    config: { auth: { public: 'public letter generator: the letter is made from the form and not stored' }, rateLimit: toolRateLimit },
    schema: {
      tags, summary: 'A ready-to-send letter (dispute, documents request, GDPR access, erasure, stop calls, complaint) as PDF',
      body: Type.Object({
        kind: Type.Union(rightsLetterKinds.map((k) => Type.Literal(k))),
        locale: Type.Union([Type.Literal('fr'), Type.Literal('en')]),
        senderName: Type.String({ minLength: 1, maxLength: 120 }),
        senderAddress: Type.String({ maxLength: 300 }),
        recipientName: Type.String({ minLength: 1, maxLength: 120 }),
        recipientAddress: Type.String({ maxLength: 300 }),
        reference: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Null()])),
        details: Type.Optional(Type.Union([Type.String({ maxLength: 3000 }), Type.Null()])),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const b = request.body;
    const lines = (text: string) => text.split(/\r?\n|,/).map((l) => l.trim()).filter(Boolean).slice(0, 5);
    const letter = rightsLetter({
      kind: b.kind, locale: b.locale, date: civilDateInParis(deps.clock.now()),
      sender: { name: b.senderName, address: lines(b.senderAddress) }, recipient: { name: b.recipientName, address: lines(b.recipientAddress) },
      reference: b.reference ?? null, details: b.details ?? null,
    });
    const pdf = await deps.messaging.renderer.renderOne(letter);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="lettre-${b.kind}.pdf"`).header('cache-control', 'no-store').send(pdf);
  });

  app.get('/api/v1/compliance/rights-requests', {
    config: { auth: { roles: ['admin', 'manager', 'compliance', 'creditor'] } },
    schema: {
      tags: ['compliance'], summary: 'Debtors\' rights requests and complaints with their Art. 12(3) deadline', security: [{ session: [] }],
      querystring: Type.Object({ open: Type.Optional(Type.Boolean({ default: true })) }),
    },
  }, async (request) => ({ items: await listRightsRequests(deps, requestActor(request), { openOnly: request.query.open ?? true }) }));

  app.post('/api/v1/compliance/rights-requests/:id/decision', {
    config: { auth: { roles: ['admin', 'manager', 'compliance'] } },
    schema: {
      tags: ['compliance'], summary: 'Answer, refuse or extend (by two months, within the first month) a rights request', security: [{ session: [], csrf: [] }],
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      body: Type.Object({
        action: Type.Union([Type.Literal('answer'), Type.Literal('refuse'), Type.Literal('extend')]),
        text: Type.String({ minLength: 1, maxLength: 4000 }),
      }, { additionalProperties: false }),
    },
  }, async (request) => decideRightsRequest(deps, requestActor(request), request.params.id, request.body));
}
