/**
 * Remittance statements (docs/creditor-api.md#remittances): issue one for a creditor and period, read
 * it (JSON, CSV, PDF), record it paid over, and the R124-6 alert of funds waiting more than one month.
 */
import { Type } from 'typebox';
import { createRemittance } from '../../../application/remittances/create-remittance.ts';
import { getRemittance, listRemittances, markRemittancePaid, remittanceAlerts } from '../../../application/remittances/read-remittances.ts';
import type { Clock } from '../../../application/ports/clock.ts';
import type { RemittanceRecord } from '../../../application/ports/remittances.ts';
import type { UnitOfWork } from '../../../application/ports/repositories.ts';
import { toZonedDateTime, zonedCivilDate } from '../../../domain/time/index.ts';
import { remittanceCsv, remittancePdf } from '../../remittance/remittance-statement.ts';
import { problemResponses } from '../problem.ts';
import { requestActor } from '../request-actor.ts';
import type { AppInstanceBase } from './route-types.ts';

export interface RemittanceHttpDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly agencyName: string;
}

const Uuid = Type.String({ format: 'uuid' });
const CivilDateSchema = Type.String({ format: 'date' });
const readRule = { roles: ['admin', 'manager', 'compliance', 'creditor'] as const, apiKeyScopes: ['remittances:read'] };
const security: Record<string, string[]>[] = [{ session: [] }, { apiKey: [] }];

const MandateLineSchema = Type.Object({
  mandateId: Type.Union([Uuid, Type.Null()]), mandateReference: Type.Union([Type.String(), Type.Null()]), commissionBps: Type.Integer(),
  collectedCents: Type.Integer(), directCents: Type.Integer(), reversedCents: Type.Integer(), netCents: Type.Integer(), commissionCents: Type.Integer(),
});

const RemittanceSchema = Type.Object({
  id: Uuid, creditorId: Uuid, creditorName: Type.String(), periodFrom: CivilDateSchema, periodTo: CivilDateSchema,
  status: Type.Union([Type.Literal('issued'), Type.Literal('paid')]),
  collectedCents: Type.Integer({ description: 'Received on the agency\'s account.' }), directCents: Type.Integer({ description: 'Received by the creditor directly (commission due, nothing to pay over).' }),
  reversedCents: Type.Integer(), commissionCents: Type.Integer(), payableCents: Type.Integer({ description: 'collected − reversed − commission; negative: the creditor owes the agency.' }),
  summary: Type.Array(MandateLineSchema), createdAt: Type.String({ format: 'date-time' }), paidOn: Type.Union([CivilDateSchema, Type.Null()]),
});

const ItemSchema = Type.Object({
  paymentId: Uuid, kind: Type.Union([Type.Literal('collected'), Type.Literal('reversal')]), caseId: Uuid, creditorReference: Type.String(),
  mandateReference: Type.Union([Type.String(), Type.Null()]), commissionBps: Type.Integer(), valueDate: CivilDateSchema, method: Type.String(), amountCents: Type.Integer(),
});

const json = (r: RemittanceRecord) => ({
  id: r.id, creditorId: r.creditorId, creditorName: r.creditorName, periodFrom: r.periodFrom, periodTo: r.periodTo, status: r.status,
  collectedCents: r.collectedCents, directCents: r.directCents, reversedCents: r.reversedCents, commissionCents: r.commissionCents, payableCents: r.payableCents,
  summary: r.summary.map((l) => ({ ...l })), createdAt: r.createdAt.toISOString(), paidOn: r.paidOn,
});

export function registerRemittanceRoutes(app: AppInstanceBase, deps: RemittanceHttpDeps): void {
  const today = () => zonedCivilDate(toZonedDateTime(deps.clock.now().getTime(), 'Europe/Paris'));

  app.get('/api/v1/remittances', {
    config: { auth: { roles: readRule.roles, apiKeyScopes: readRule.apiKeyScopes } },
    schema: {
      tags: ['remittances'], summary: 'Remittance statements (a creditor sees its own)', security,
      querystring: Type.Object({ creditorId: Type.Optional(Uuid), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }) }),
      response: { 200: Type.Object({ items: Type.Array(RemittanceSchema), total: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => {
    const page = await deps.uow.run((repos) => listRemittances(repos, requestActor(request), request.query));
    return { items: page.items.map(json), total: page.total };
  });

  app.get('/api/v1/remittances/alerts', {
    config: { auth: { roles: ['admin', 'manager', 'compliance'] } },
    schema: {
      tags: ['remittances'], summary: 'Creditors whose collected funds have waited more than one month (CPCE-exéc R124-6)', security: [{ session: [] }],
      response: {
        200: Type.Object({
          asOf: CivilDateSchema,
          items: Type.Array(Type.Object({
            creditorId: Uuid, creditorName: Type.String(), heldCents: Type.Integer(), overdueCents: Type.Integer(), overdueCount: Type.Integer(),
            oldestCollectedOn: CivilDateSchema, deadline: CivilDateSchema, daysOverdue: Type.Integer(),
          })),
        }), ...problemResponses,
      },
    },
  }, async (request) => {
    const asOf = today();
    return { asOf, items: await deps.uow.run((repos) => remittanceAlerts(repos, requestActor(request), asOf)) };
  });

  app.post('/api/v1/remittances', {
    config: { auth: { roles: ['admin', 'manager'] } },
    schema: {
      tags: ['remittances'], summary: 'Issue the remittance statement of a creditor for a period (payments not yet remitted)', security: [{ session: [], csrf: [] }],
      body: Type.Object({ creditorId: Uuid, periodFrom: CivilDateSchema, periodTo: CivilDateSchema }, { additionalProperties: false }),
      response: { 201: RemittanceSchema, ...problemResponses },
    },
  }, async (request, reply) => {
    const created = await deps.uow.run((repos) => createRemittance({ remittances: repos.remittances, audit: repos.audit, now: deps.clock.now(), newId: deps.newId }, requestActor(request), request.body));
    return reply.status(201).send(json(created));
  });

  app.get('/api/v1/remittances/:remittanceId', {
    config: { auth: { roles: readRule.roles, apiKeyScopes: readRule.apiKeyScopes } },
    schema: {
      tags: ['remittances'], summary: 'A remittance statement with its payments', security, params: Type.Object({ remittanceId: Uuid }),
      response: { 200: Type.Object({ remittance: RemittanceSchema, items: Type.Array(ItemSchema) }), ...problemResponses },
    },
  }, async (request) => {
    const found = await deps.uow.run((repos) => getRemittance(repos, requestActor(request), request.params.remittanceId));
    return { remittance: json(found.remittance), items: found.items.map(({ mandateId: _m, ...i }) => i) };
  });

  app.get('/api/v1/remittances/:remittanceId/statement.csv', {
    config: { auth: { roles: readRule.roles, apiKeyScopes: readRule.apiKeyScopes } },
    schema: { tags: ['remittances'], summary: 'The statement as CSV', security, params: Type.Object({ remittanceId: Uuid }), produces: ['text/csv'], response: problemResponses },
  }, async (request, reply) => {
    const found = await deps.uow.run((repos) => getRemittance(repos, requestActor(request), request.params.remittanceId));
    void reply.header('content-disposition', `attachment; filename="remittance-${found.remittance.periodFrom}-${found.remittance.periodTo}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(remittanceCsv(found.remittance, found.items) as never);
  });

  app.get('/api/v1/remittances/:remittanceId/statement.pdf', {
    config: { auth: { roles: readRule.roles, apiKeyScopes: readRule.apiKeyScopes } },
    schema: { tags: ['remittances'], summary: 'The statement as PDF', security, params: Type.Object({ remittanceId: Uuid }), produces: ['application/pdf'], response: problemResponses },
  }, async (request, reply) => {
    const found = await deps.uow.run((repos) => getRemittance(repos, requestActor(request), request.params.remittanceId));
    const pdf = await remittancePdf(found.remittance, found.items, deps.agencyName);
    void reply.header('content-disposition', `inline; filename="remittance-${found.remittance.periodFrom}-${found.remittance.periodTo}.pdf"`);
    return reply.type('application/pdf').send(pdf as never);
  });

  app.post('/api/v1/remittances/:remittanceId/paid', {
    config: { auth: { roles: ['admin', 'manager'] } },
    schema: {
      tags: ['remittances'], summary: 'Record that the amount was paid over to the creditor', security: [{ session: [], csrf: [] }],
      params: Type.Object({ remittanceId: Uuid }), body: Type.Object({ paidOn: CivilDateSchema }, { additionalProperties: false }),
      response: { 200: RemittanceSchema, ...problemResponses },
    },
  }, async (request) => json(await deps.uow.run((repos) => markRemittancePaid(
    { remittances: repos.remittances, audit: repos.audit, now: deps.clock.now() }, requestActor(request), { id: request.params.remittanceId, paidOn: request.body.paidOn },
  ))));
}
