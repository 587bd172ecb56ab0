/**
 * The debtor portal's API (issue #8): login with the letter's access code, the debtor's own case,
 * paying, proposing a plan, disputing with evidence, asking for documents, declaring hardship,
 * contact preferences and GDPR requests. Every route but login and verify-contact needs a portal
 * session (`{ debtor: true }`), which carries one case: no route takes a case id from the client.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { Type } from 'typebox';
import { AppError } from '../../../application/errors.ts';
import { logOutDebtor, resolveDebtorSession, type ActiveDebtorSession } from '../../../application/portal/debtor-session.ts';
import { logInDebtor } from '../../../application/portal/log-in-debtor.ts';
import { collectMyData, myDataDocument } from '../../../application/portal/my-data.ts';
import { declareHardship, disputeReasons, hardshipKinds, openDispute, requestDocuments, uploadEvidence } from '../../../application/portal/open-dispute.ts';
import type { DebtorActor, PortalDeps } from '../../../application/portal/portal-deps.ts';
import { proposePlan, quotePlan } from '../../../application/portal/propose-plan.ts';
import { readMyCase } from '../../../application/portal/read-my-case.ts';
import { rightsRequestKinds, submitRightsRequest } from '../../../application/portal/rights-requests.ts';
import { setContactPreferences } from '../../../application/portal/set-contact-preferences.ts';
import { verifyContact } from '../../../application/portal/verify-contact.ts';
import { problemResponse, problemResponses } from '../problem.ts';
import type { AppInstanceBase } from './route-types.ts';

export const portalCookieName = 'amiable_portal';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on portal routes once the debtor's session is resolved. */
    debtor: ActiveDebtorSession | null;
  }
}

/** Resolves the portal cookie and checks CSRF; called by the app's auth hook for `{ debtor: true }` routes. */
export async function authenticateDebtor(request: FastifyRequest, deps: PortalDeps | undefined): Promise<void> {
  const token = request.cookies[portalCookieName];
  if (!deps || !token) throw new AppError('unauthenticated', 'Log in to your portal first');
  try {
    request.debtor = await resolveDebtorSession(deps, token);
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthenticated') throw error;
    throw error;
  }
  if (!safeMethods.has(request.method)) {
    const sent = request.headers['x-csrf-token'];
    const expected = request.debtor.csrfToken;
    if (typeof sent !== 'string' || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
      throw new AppError('csrf_invalid', 'Send the x-csrf-token header received at login');
    }
  }
}

function debtorOf(request: FastifyRequest): DebtorActor {
  if (!request.debtor) throw new AppError('unauthenticated', 'Log in to your portal first');
  return request.debtor.actor;
}

const debtorAuth = { debtor: true } as const;
const security = [{ portalSession: [] }];
const tags = ['portal'];

/** Per client address: enough for someone who mistypes, far too few to guess (the per-reference lockout adds to it). */
const loginRateLimit = { max: 10, timeWindow: '1 minute' };
const verifyRateLimit = { max: 20, timeWindow: '1 minute' };

const SessionSchema = Type.Object({
  csrfToken: Type.String({ description: 'Send it as x-csrf-token on every state-changing portal request.' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

const BudgetSchema = Type.Object({
  incomeCents: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Monthly income of the household, in cents.' }),
  chargesCents: Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Monthly fixed charges (housing, energy, insurance…), in cents.' }),
  adults: Type.Union([Type.Literal(1), Type.Literal(2)]),
  children: Type.Integer({ minimum: 0, maximum: 20 }),
  wishedMonthlyCents: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100_000_000 }), Type.Null()])),
}, { additionalProperties: false });

const evidenceTypes = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];

export function registerPortalRoutes(app: AppInstanceBase, deps: PortalDeps, options: { secureCookies: boolean }): void {
  app.decorateRequest('debtor', null);
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: options.secureCookies };

  app.post('/api/v1/portal/login', {
    config: { auth: { public: 'debtor portal login' }, rateLimit: loginRateLimit },
    schema: {
      tags, summary: 'Log in to the debtor portal',
      description: 'Case reference + access code printed on the first letter + birth date. Any mismatch gives the same `invalid_credentials`; ten failures within an hour on one reference — existing or not — lock it for 30 minutes (`account_locked`).',
      body: Type.Object({
        reference: Type.String({ minLength: 1, maxLength: 80 }),
        accessCode: Type.String({ minLength: 1, maxLength: 40 }),
        birthDate: Type.String({ format: 'date' }),
      }, { additionalProperties: false }),
      response: { 200: SessionSchema, ...problemResponses, 423: problemResponse('Temporarily locked (`account_locked`)') },
    },
  }, async (request, reply) => {
    const result = await logInDebtor(deps, { ...request.body, ip: request.ip });
    void reply.setCookie(portalCookieName, result.sessionToken, { ...cookieOptions, expires: new Date(result.expiresAt.getTime() + deps.sessionMaxMinutes * 60_000) });
    return { csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
  });

  app.get('/api/v1/portal/session', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'The current portal session', security, response: { 200: SessionSchema, ...problemResponses } },
  }, async (request) => ({ csrfToken: request.debtor!.csrfToken, expiresAt: request.debtor!.expiresAt.toISOString() }));

  app.post('/api/v1/portal/logout', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'Log out of the portal', security, response: { 204: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    await logOutDebtor(deps, request.debtor!);
    void reply.clearCookie(portalCookieName, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/api/v1/portal/verify-contact', {
    config: { auth: { public: 'anyone may check whether a call, SMS or e-mail came from us (no case detail is revealed)' }, rateLimit: verifyRateLimit },
    schema: {
      tags, summary: 'Was this call, SMS or e-mail really from us?',
      description: 'Give a verification code, or the number that called with roughly when (and your own number), or paste the message. The answer is only `ours`, `our-number` (our official number, but no call to confirm without your number) or `no-trace` — never which case or creditor.',
      body: Type.Object({
        code: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
        callerNumber: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
        ownNumber: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
        at: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
        message: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          verdict: Type.Union([Type.Literal('ours'), Type.Literal('our-number'), Type.Literal('no-trace')]),
          signs: Type.Array(Type.String()),
        }),
        ...problemResponses,
      },
    },
  }, async (request) => {
    const result = await verifyContact(deps, request.body);
    return { verdict: result.verdict, signs: [...result.signs] };
  });

  app.get('/api/v1/portal/case', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'My case: creditor, basis, amounts, payments, limitation, documents, contacts', security },
  }, async (request) => readMyCase(deps, debtorOf(request)));

  app.get('/api/v1/portal/case/payment-qr.svg', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'EPC069-12 QR code of the transfer (SVG)', security },
  }, async (request, reply) => {
    const kase = await readMyCase(deps, debtorOf(request));
    if (!kase.payment?.epcPayload) throw new AppError('not_found', 'Nothing to pay by transfer');
    const svg = await QRCode.toString(kase.payment.epcPayload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    return reply.type('image/svg+xml').header('cache-control', 'no-store').send(svg);
  });

  app.get('/api/v1/portal/documents/:id', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'Download a document of my case (always as an attachment)', security, params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
  }, async (request, reply) => {
    const actor = debtorOf(request);
    const doc = await deps.uow.run((repos) => repos.portal.document(actor.creditorId, actor.caseId, request.params.id));
    if (!doc) throw new AppError('not_found', 'Document not found');
    const bytes = await deps.evidence.read(doc.storageKey);
    const asciiName = doc.fileName.replace(/[^\w.-]+/g, '_');
    return reply.type(doc.mediaType).header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
      .header('content-security-policy', "default-src 'none'; sandbox").header('cache-control', 'no-store').send(bytes);
  });

  app.post('/api/v1/portal/plan/quote', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'What plan my budget allows, and whether it is agreed at once', security, body: BudgetSchema },
  }, async (request) => quotePlan(deps, debtorOf(request), request.body));

  app.post('/api/v1/portal/plan', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'Propose a plan: agreed at once within the mandate, otherwise sent to an agent', security, body: BudgetSchema },
  }, async (request) => proposePlan(deps, debtorOf(request), request.body));

  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
    // The body stays a stream: it goes to a temporary file, checked, then renamed (no partial file).
    scope.addContentTypeParser(evidenceTypes, (_request, payload, done) => done(null, payload));
    scope.post('/api/v1/portal/evidence', {
      config: { auth: debtorAuth },
      schema: {
        tags, summary: 'Upload a piece of evidence (PDF, JPEG or PNG, at most 10 MiB)', security, consumes: evidenceTypes,
        description: 'The body is the file itself. Its type is checked on its first bytes, not on the declared type or name.',
        querystring: Type.Object({ fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        response: {
          201: Type.Object({ id: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer() }), ...problemResponses,
          413: problemResponse('More than 10 MiB (`payload_too_large`)'), 415: problemResponse('Not a PDF, JPEG or PNG (`unsupported_media_type`)'),
        },
      },
    }, async (request, reply) => {
      const stored = await uploadEvidence(deps, debtorOf(request), request.body as Readable, request.query.fileName ?? 'evidence');
      return reply.status(201).send(stored);
    });
  });

  app.post('/api/v1/portal/disputes', {
    config: { auth: debtorAuth },
    schema: {
      tags, summary: 'Dispute the claim: collection is suspended at once and an acknowledgement is sent', security,
      body: Type.Object({
        reason: Type.Union(disputeReasons.map((r) => Type.Literal(r))),
        details: Type.String({ maxLength: 4000 }),
        evidenceIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 10 }),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.status(201).send(await openDispute(deps, debtorOf(request), request.body)));

  app.post('/api/v1/portal/documents-request', {
    config: { auth: debtorAuth },
    schema: {
      tags, summary: 'Ask for the documents behind the claim: calls are suspended until they are provided', security,
      body: Type.Object({ details: Type.String({ maxLength: 4000 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.status(201).send(await requestDocuments(deps, debtorOf(request), request.body)));

  app.post('/api/v1/portal/hardship', {
    config: { auth: debtorAuth },
    schema: {
      tags, summary: 'Declare financial hardship or an over-indebtedness file', security,
      body: Type.Object({
        kind: Type.Union(hardshipKinds.map((k) => Type.Literal(k))),
        details: Type.String({ maxLength: 4000 }),
        fileDate: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.Null()])),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.status(201).send(await declareHardship(deps, debtorOf(request), request.body)));

  const PreferencesSchema = Type.Object({
    optOut: Type.Array(Type.Union([Type.Literal('call'), Type.Literal('sms'), Type.Literal('email'), Type.Literal('letter')]), { maxItems: 4 }),
    quietHours: Type.Array(Type.Object({ from: Type.String({ pattern: '^\\d{2}:\\d{2}$' }), to: Type.String({ pattern: '^\\d{2}:\\d{2}$' }) }, { additionalProperties: false }), { maxItems: 4 }),
    writtenOnly: Type.Boolean(),
  }, { additionalProperties: false });

  app.get('/api/v1/portal/preferences', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'My contact preferences', security },
  }, async (request) => deps.uow.run((repos) => repos.portal.preferences(debtorOf(request).debtorId)));

  app.put('/api/v1/portal/preferences', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'Set my contact preferences (effective at once)', security, body: PreferencesSchema },
  }, async (request) => setContactPreferences(deps, debtorOf(request), request.body));

  app.get('/api/v1/portal/my-data', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'Download my personal data (JSON, GDPR Art. 15)', security },
  }, async (request, reply) => {
    const data = await collectMyData(deps, debtorOf(request));
    return reply.header('content-disposition', 'attachment; filename="mes-donnees.json"').header('cache-control', 'no-store')
      .type('application/json').send(JSON.stringify(data, null, 2));
  });

  app.get('/api/v1/portal/my-data.pdf', {
    config: { auth: debtorAuth },
    schema: { tags, summary: 'Download my personal data (PDF)', security, querystring: Type.Object({ locale: Type.Optional(Type.Union([Type.Literal('fr'), Type.Literal('en')])) }) },
  }, async (request, reply) => {
    const data = await collectMyData(deps, debtorOf(request));
    const pdf = await deps.messaging.renderer.renderOne(myDataDocument(data, request.query.locale ?? 'fr'));
    return reply.header('content-disposition', 'attachment; filename="mes-donnees.pdf"').header('cache-control', 'no-store').type('application/pdf').send(pdf);
  });

  app.post('/api/v1/portal/rights-requests', {
    config: { auth: debtorAuth },
    schema: {
      tags, summary: 'Ask for rectification, erasure, restriction, objection, access, or make a complaint (answered within one month)', security,
      body: Type.Object({
        kind: Type.Union(rightsRequestKinds.map((k) => Type.Literal(k))),
        details: Type.String({ maxLength: 4000 }),
        field: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
        correction: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => reply.status(201).send(await submitRightsRequest(deps, debtorOf(request), request.body)));
}
