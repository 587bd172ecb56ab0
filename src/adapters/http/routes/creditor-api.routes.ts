/**
 * The creditor API (issue #7 part B, docs/creditor-api.md): create a case one by one (the import's
 * rules), read its history, recall it; and the admin's management of API keys (created keys are shown
 * once). Reading a case (status, balance) is `GET /api/v1/cases/{id}` in case.routes.ts.
 */
import { Type } from 'typebox';
import { apiKeyScopeValues } from '../../../application/api-keys/api-keys.ts';
import { issueApiKey, listApiKeys, revokeApiKey } from '../../../application/api-keys/manage-api-keys.ts';
import { getCase } from '../../../application/cases/read-cases.ts';
import { createCaseFromApi } from '../../../application/creditor-api/create-case.ts';
import { readCaseHistory } from '../../../application/creditor-api/read-case-history.ts';
import { recallCase } from '../../../application/creditor-api/recall-case.ts';
import { importCreditorFor } from '../../../application/intake/read-imports.ts';
import type { ImportPortfolioDeps } from '../../../application/intake/import-portfolio.ts';
import type { Clock } from '../../../application/ports/clock.ts';
import type { UnitOfWork } from '../../../application/ports/repositories.ts';
import type { Secrets } from '../../../application/ports/secrets.ts';
import type { IdempotencyStore } from '../../../application/idempotency/idempotent-request.ts';
import type { WebhookDeps } from '../../../application/webhooks/webhook-deps.ts';
import { repeatableColumns, singleColumns } from '../../../domain/intake/columns.ts';
import { problemResponse, problemResponses } from '../problem.ts';
import { requestActor } from '../request-actor.ts';
import { CaseSummarySchema } from './case.routes.ts';
import type { AppInstanceBase } from './route-types.ts';

/** What app.ts is given for the creditor API, webhooks and remittances (issue #7 part B). */
export interface CreditorApiBundle {
  readonly idempotency: IdempotencyStore;
  readonly webhooks: WebhookDeps;
  readonly newId: () => string;
  /** Printed on remittance statements. */
  readonly agencyName: string;
}

export interface CreditorApiHttpDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly newId: () => string;
  readonly intake: ImportPortfolioDeps;
}

const Uuid = Type.String({ format: 'uuid' });

/** The body of POST /api/v1/cases: the import's columns by canonical key, values as text (as in a JSON Lines file). */
const caseFieldProperties: Record<string, ReturnType<typeof Type.String>> = {};
for (const spec of singleColumns) caseFieldProperties[spec.key] = Type.String({ maxLength: 1000, description: spec.description.en });
for (const spec of repeatableColumns) {
  for (let n = 1; n <= spec.max; n++) caseFieldProperties[n === 1 ? spec.key : `${spec.key}_${n}`] = Type.String({ maxLength: 1000, description: spec.description.en });
}
const CaseBodySchema = Type.Partial(Type.Object(caseFieldProperties), {
  additionalProperties: false,
  description: 'One claim, with the columns of the import format (docs/import-format.md) as JSON string fields: amounts as decimal text ("1234.56"), dates as YYYY-MM-DD. Validated by exactly the rules of a file import.',
});

const HistoryItemSchema = Type.Object({
  id: Uuid, at: Type.String({ format: 'date-time' }), type: Type.String({ description: 'Dotted event type: case.created, case.status_changed, payment.received…' }),
  actorKind: Type.String(), data: Type.Record(Type.String(), Type.Unknown()),
});

const ApiKeySchema = Type.Object({
  id: Uuid, creditorId: Uuid, name: Type.String(), prefix: Type.String(), scopes: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }), lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const keyJson = (k: { id: string; creditorId: string; name: string; prefix: string; scopes: readonly string[]; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null }) => ({
  id: k.id, creditorId: k.creditorId, name: k.name, prefix: k.prefix, scopes: [...k.scopes], createdAt: k.createdAt.toISOString(), lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt),
});

export function registerCreditorApiRoutes(app: AppInstanceBase, deps: CreditorApiHttpDeps): void {
  app.post('/api/v1/cases', {
    config: { auth: { roles: ['admin', 'manager', 'agent'], apiKeyScopes: ['cases:write'] } },
    schema: {
      tags: ['cases'], summary: 'Create one case (the same rules as a file import)',
      description: 'Creates the case, its debtor (matched with known debtors as in an import) and contact points, with the source `creditor_api`. '
        + 'A reference already used by the creditor is a `conflict` (update through an import). A claim already time-barred is stored as `closed_prescribed`. '
        + 'Send an `Idempotency-Key` so that a retry does not create the case twice.',
      security: [{ session: [], csrf: [] }, { apiKey: [] }],
      querystring: Type.Object({ creditorId: Type.Optional(Type.String({ format: 'uuid', description: 'Required with a session; the key\'s creditor with an API key.' })) }),
      body: CaseBodySchema,
      response: { 201: CaseSummarySchema, ...problemResponses, 409: problemResponse('Reference already used (`conflict`), or same Idempotency-Key still running') },
    },
  }, async (request, reply) => {
    const actor = requestActor(request);
    const creditorId = importCreditorFor(actor, request.query.creditorId);
    const fields = Object.fromEntries(Object.entries(request.body as Record<string, string | undefined>).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const created = await createCaseFromApi({ ...deps.intake, findCase: (run) => deps.uow.run((repos) => run(repos.creditorCases)) }, actor, creditorId, fields);
    // The case and its case.created event (naming this caller) were written together by the import.
    const summary = await deps.uow.run((repos) => getCase(repos, actor, created.caseId));
    return reply.status(201).header('location', `/api/v1/cases/${created.caseId}`).send(summary);
  });

  app.get('/api/v1/cases/:caseId/history', {
    config: { auth: { roles: ['admin', 'manager', 'agent', 'compliance', 'creditor'], apiKeyScopes: ['cases:read', 'cases:write'] } },
    schema: {
      tags: ['cases'], summary: 'A case\'s history, oldest first (another creditor\'s case is not found)', security: [{ session: [] }, { apiKey: [] }],
      params: Type.Object({ caseId: Uuid }),
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
      response: { 200: Type.Object({ items: Type.Array(HistoryItemSchema), total: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => {
    const page = await deps.uow.run((repos) => readCaseHistory(repos, requestActor(request), request.params.caseId, request.query));
    return { items: page.items.map((e) => ({ ...e, at: e.at.toISOString(), data: { ...e.data } })), total: page.total };
  });

  app.post('/api/v1/cases/:caseId/recall', {
    config: { auth: { roles: ['admin', 'manager', 'compliance', 'creditor'], apiKeyScopes: ['cases:write'] } },
    schema: {
      tags: ['cases'], summary: 'Recall a case: it closes as closed_returned',
      description: 'Refused (409 `case_not_recallable`, each reason in `findings`) while an instalment plan is active, a settlement awaits payment, '
        + 'a promised payment is pending or a payment is in progress. A compliance officer may `force` it: those arrangements are then cancelled.',
      security: [{ session: [], csrf: [] }, { apiKey: [] }],
      params: Type.Object({ caseId: Uuid }),
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }), force: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ caseId: Uuid, from: Type.String(), status: Type.String(), forced: Type.Boolean(), overridden: Type.Array(Type.String()), messagesCancelled: Type.Integer() }),
        ...problemResponses, 409: problemResponse('Not recallable now (`case_not_recallable`, reasons in `findings`)'),
      },
    },
  }, async (request) => {
    const result = await deps.uow.run((repos) => recallCase(repos, requestActor(request), {
      caseId: request.params.caseId, reason: request.body.reason, force: request.body.force ?? false,
    }, deps.clock.now()));
    return { ...result, overridden: [...result.overridden] };
  });

  // ── API keys (back office, admin) ──
  app.get('/api/v1/api-keys', {
    config: { auth: { roles: ['admin'] } },
    schema: {
      tags: ['api-keys'], summary: 'Creditor API keys (never their secret)', security: [{ session: [] }],
      querystring: Type.Object({ creditorId: Type.Optional(Uuid) }),
      response: { 200: Type.Object({ items: Type.Array(ApiKeySchema), scopes: Type.Array(Type.String()) }), ...problemResponses },
    },
  }, async (request) => {
    const keys = await deps.uow.run((repos) => listApiKeys(repos, requestActor(request), request.query));
    return { items: keys.map(keyJson), scopes: [...apiKeyScopeValues] };
  });

  app.post('/api/v1/api-keys', {
    // The answer holds the key: never stored by the Idempotency-Key mechanism.
    config: { auth: { roles: ['admin'] }, idempotency: 'secret' },
    schema: {
      tags: ['api-keys'], summary: 'Create a creditor API key: the key is in this answer only (only its SHA-256 is stored)', security: [{ session: [], csrf: [] }],
      body: Type.Object({ creditorId: Uuid, name: Type.String({ minLength: 1, maxLength: 100 }), scopes: Type.Array(Type.Enum(apiKeyScopeValues), { minItems: 1 }) }, { additionalProperties: false }),
      response: { 201: Type.Object({ key: Type.String({ description: 'amk_<prefix>_<secret>: store it now.' }), apiKey: ApiKeySchema }), ...problemResponses },
    },
  }, async (request, reply) => {
    const actor = requestActor(request);
    const created = await deps.uow.run(async (repos) => {
      const result = await issueApiKey({ apiKeys: repos.apiKeys, audit: repos.audit, secrets: deps.secrets, clock: deps.clock, newId: deps.newId }, actor, request.body);
      const [record] = (await repos.apiKeys.list({ creditorId: result.record.creditorId })).filter((k) => k.id === result.record.id);
      return { key: result.key, record: record! };
    });
    void reply.header('cache-control', 'no-store');
    return reply.status(201).send({ key: created.key, apiKey: keyJson(created.record) });
  });

  app.post('/api/v1/api-keys/:keyId/revoke', {
    config: { auth: { roles: ['admin'] } },
    schema: {
      tags: ['api-keys'], summary: 'Revoke a creditor API key (at once: the next request with it is refused)', security: [{ session: [], csrf: [] }],
      params: Type.Object({ keyId: Uuid }), body: Type.Object({ creditorId: Uuid }, { additionalProperties: false }),
      response: { 200: ApiKeySchema, ...problemResponses },
    },
  }, async (request) => keyJson(await deps.uow.run((repos) => revokeApiKey(
    { apiKeys: repos.apiKeys, audit: repos.audit, now: deps.clock.now() }, requestActor(request), { creditorId: request.body.creditorId, id: request.params.keyId },
  ))));
}
