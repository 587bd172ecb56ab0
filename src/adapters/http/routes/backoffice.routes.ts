/**
 * The agents' back office (issue #6): worklist, case file, calls, promises, plans, settlements,
 * approvals, suspensions, notes, assignment and KPIs. Reading a case file is open to every role
 * (a creditor user reads its own cases only); every change is staff-only and scoped per case by
 * `checkCaseAccess` (an agent works on their team's cases). See docs/backoffice.md.
 */
import { Type, type TSchema } from 'typebox';
import { addNote } from '../../../application/backoffice/add-note.ts';
import { applyAssignmentRules, assignCases, listAssignmentSetup, replaceAssignmentRules } from '../../../application/backoffice/assign-cases.ts';
import type { BackofficeDeps } from '../../../application/backoffice/backoffice-deps.ts';
import { checkIdentity } from '../../../application/backoffice/check-identity.ts';
import { createPromise } from '../../../application/backoffice/create-promise.ts';
import { createSettlement } from '../../../application/backoffice/create-settlement.ts';
import { decideApproval, listApprovals } from '../../../application/backoffice/decide-approval.ts';
import { listWorklist, listWorklistForSession } from '../../../application/backoffice/list-worklist.ts';
import type { SessionDeps } from '../../../application/auth/session.ts';
import { agentSuspensionKinds, openSuspension } from '../../../application/backoffice/open-suspension.ts';
import { previewPlan, proposePlan } from '../../../application/backoffice/propose-plan.ts';
import { readCaseFile } from '../../../application/backoffice/read-case-file.ts';
import { readKpis } from '../../../application/backoffice/read-kpis.ts';
import { recordCallOutcome } from '../../../application/backoffice/record-call-outcome.ts';
import { refreshWorklist } from '../../../application/backoffice/refresh-worklist.ts';
import { listOpenSuspensions, resolveSuspension, suspensionResolutions } from '../../../application/backoffice/resolve-suspension.ts';
import { startCall } from '../../../application/backoffice/start-call.ts';
import { AppError } from '../../../application/errors.ts';
import { callOutcomes, identityFacts } from '../../../domain/backoffice/index.ts';
import { claimCategories } from '../../db/schema.ts';
import { allRoles } from '../auth-rule.ts';
import { problemResponse, problemResponses } from '../problem.ts';
import { requestActor, resolveRouteSession, routeSession } from '../request-actor.ts';
import type { AppInstanceBase } from './route-types.ts';

const agents = ['admin', 'manager', 'agent'] as const;
const managers = ['admin', 'manager'] as const;
const suspenders = ['admin', 'manager', 'agent', 'compliance'] as const;
const resolvers = ['admin', 'compliance'] as const;
const dashboard = ['admin', 'manager', 'compliance'] as const;
const Uuid = Type.String({ format: 'uuid' });
const CivilDate = Type.String({ format: 'date' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Open = (properties: Record<string, TSchema>, description?: string) => Type.Object(properties, { additionalProperties: true, ...(description ? { description } : {}) });
const errors = { ...problemResponses, 409: problemResponse('Conflict with the current state (`conflict`)') };
const tags = ['back office'];
const security = [{ session: [] }];
const CaseParams = Type.Object({ caseId: Uuid });

const Bilingual = Type.Object({ fr: Type.String(), en: Type.String() });
const PriorityReasonSchema = Type.Object({ code: Type.String(), points: Type.Integer(), message: Bilingual });
const WorklistItemSchema = Type.Object({
  caseId: Uuid, creditorName: Type.String(), debtorName: Type.String(), creditorReference: Type.String(), status: Type.String(),
  balanceCents: Type.Integer(), priority: Type.Integer({ description: 'Sum of the reasons’ points (docs/backoffice.md).' }), reasons: Type.Array(PriorityReasonSchema),
  window: Type.Object({ until: Nullable(Type.String()), callsLeft: Nullable(Type.Integer()), message: Bilingual }),
  debtorLocalTime: Type.String(), debtorTimeZone: Type.String(), territory: Type.String(), assignedToMe: Type.Boolean(),
});
const IdentityAnswerSchema = Type.Object({ fact: Type.Enum(identityFacts), value: Type.String({ maxLength: 200 }) });
const BudgetSchema = Type.Object({
  incomeCents: Type.Integer({ minimum: 0 }), chargesCents: Type.Integer({ minimum: 0 }), adults: Type.Union([Type.Literal(1), Type.Literal(2)]),
  children: Type.Integer({ minimum: 0, maximum: 20 }),
});
const PlanBody = Type.Object({
  frequency: Type.Union([Type.Literal('weekly'), Type.Literal('biweekly'), Type.Literal('monthly')]),
  count: Type.Integer({ minimum: 1, maximum: 520 }), firstDueOn: CivilDate,
  totalCents: Type.Optional(Type.Integer({ minimum: 1 })), interestWaived: Type.Optional(Type.Boolean()),
  budget: Type.Optional(Nullable(BudgetSchema)), reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
});
const PromiseBody = Type.Object({ amountCents: Type.Integer({ minimum: 1 }), dueOn: CivilDate });
const SettlementBody = Type.Object({ amountCents: Type.Integer({ minimum: 1 }), dueOn: CivilDate, reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) });


export function registerBackofficeRoutes(app: AppInstanceBase, deps: BackofficeDeps, sessionDeps: SessionDeps): void {
  app.get('/api/v1/worklist', {
    // The page reads the session with its candidates, one statement instead of two (docs/scale.md).
    config: { auth: { roles: agents, sessionReadByRoute: true } },
    // Checked below, after the session: an unauthenticated caller gets 401 whatever its query, as on every route.
    attachValidation: true,
    schema: {
      tags, security, summary: 'The cases the engine allows calling now, best first (paginated, at most `limit`)',
      querystring: Type.Object({
        scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('team'), Type.Literal('all')])),
        userId: Type.Optional(Uuid), teamId: Type.Optional(Uuid),
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }), cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(WorklistItemSchema), nextCursor: Nullable(Type.String()), skipped: Type.Integer(), at: Type.String() }), ...errors },
    },
  }, async (request, reply) => {
    const token = request.deferredSessionToken;
    if (request.validationError) {
      if (token !== null) request.session = await resolveRouteSession(sessionDeps, token, agents);
      throw request.validationError;
    }
    if (token === null) return reply.send((await listWorklist(deps, requestActor(request), request.query)) as never);
    const { session, page } = await routeSession(() => listWorklistForSession(sessionDeps, token, agents, request.query));
    request.session = session;
    return reply.send(page as never);
  });

  app.post('/api/v1/worklist/refresh', {
    config: { auth: { roles: managers } },
    schema: { tags, security, summary: 'Recompute every open case’s priority and call gate (the daily pass)', response: { 200: Type.Object({ refreshed: Type.Integer() }), ...errors } },
  }, async () => ({ refreshed: await refreshWorklist(deps) }));

  app.get('/api/v1/cases/:caseId/file', {
    config: { auth: { roles: allRoles } },
    schema: {
      tags, security, summary: 'The case file: identity, contact points, claim, documents, timeline, compliance panel, limitation', params: CaseParams,
      response: { 200: Open({ balanceCents: Type.Integer(), totalCents: Type.Integer(), readOnly: Type.Boolean(), at: Type.String() }, 'See docs/backoffice.md for every field.'), ...errors },
    },
  }, async (request, reply) => {
    const file = await readCaseFile(deps, requestActor(request), request.params.caseId);
    // Serialised as is: the file is a read model whose nested shapes are documented in docs/backoffice.md.
    return reply.send(file as never);
  });

  app.post('/api/v1/cases/:caseId/notes', {
    config: { auth: { roles: suspenders } },
    schema: { tags, security, summary: 'Add a note to the timeline', params: CaseParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }), response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await addNote(deps, requestActor(request), request.params.caseId, request.body.text);
    return reply.status(204).send(null);
  });

  app.post('/api/v1/cases/:caseId/calls', {
    config: { auth: { roles: agents } },
    schema: {
      tags, security, summary: 'Ask the engine before dialling; the decision is stored with the attempt (refused: never loggable as made)', params: CaseParams,
      body: Type.Object({ contactPointId: Type.Optional(Nullable(Uuid)) }),
      response: { 201: Open({ attemptId: Uuid, allowed: Type.Boolean(), phone: Type.String() }), ...errors },
    },
  }, async (request, reply) => reply.status(201).send(await startCall(deps, requestActor(request), request.params.caseId, request.body.contactPointId ?? null)));

  app.post('/api/v1/cases/:caseId/identity-checks', {
    config: { auth: { roles: agents } },
    schema: {
      tags, security, summary: 'Check two facts from the file before disclosing the debt (recorded: which facts matched, never the answers)', params: CaseParams,
      body: Type.Object({ answers: Type.Array(IdentityAnswerSchema, { minItems: 1, maxItems: 5 }) }),
      response: { 200: Type.Object({ verified: Type.Boolean(), matched: Type.Array(Type.String()), mismatched: Type.Array(Type.String()), unavailable: Type.Array(Type.String()) }), ...errors },
    },
  }, async (request, reply) => reply.send((await checkIdentity(deps, requestActor(request), request.params.caseId, request.body.answers)) as never));

  app.post('/api/v1/calls/:attemptId/outcome', {
    config: { auth: { roles: agents } },
    schema: {
      tags, security, summary: 'Record the outcome of a call the engine allowed', params: Type.Object({ attemptId: Uuid }),
      body: Type.Object({
        outcome: Type.Enum(callOutcomes), identity: Type.Optional(Type.Array(IdentityAnswerSchema, { maxItems: 5 })),
        note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))), callbackAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
        promise: Type.Optional(PromiseBody), plan: Type.Optional(PlanBody), settlement: Type.Optional(SettlementBody),
      }),
      response: { 200: Open({ attemptId: Uuid, outcome: Type.String() }), ...errors },
    },
  }, async (request, reply) => reply.send((await recordCallOutcome(deps, requestActor(request), request.params.attemptId, request.body)) as never));

  app.post('/api/v1/cases/:caseId/promises', {
    config: { auth: { roles: agents } },
    schema: { tags, security, summary: 'Record a promise to pay (confirmed through the outbox)', params: CaseParams, body: PromiseBody, response: { 201: Open({ promiseId: Uuid }), ...errors } },
  }, async (request, reply) => reply.status(201).send(await createPromise(deps, requestActor(request), request.params.caseId, request.body)));

  app.post('/api/v1/cases/:caseId/plan-previews', {
    config: { auth: { roles: agents } },
    schema: {
      tags, security, summary: 'Schedule, mandate check and affordability of a plan (nothing is stored)', params: CaseParams, body: PlanBody,
      response: { 200: Open({ balanceCents: Type.Integer(), totalCents: Type.Integer(), needsApproval: Type.Boolean() }), ...errors },
    },
  }, async (request, reply) => reply.send((await previewPlan(deps, requestActor(request), request.params.caseId, request.body)) as never));

  app.post('/api/v1/cases/:caseId/plans', {
    config: { auth: { roles: agents } },
    schema: {
      tags, security, summary: 'Agree a plan within the mandate, or ask a manager to approve one beyond it (with a reason)', params: CaseParams, body: PlanBody,
      response: { 201: Open({ planId: Uuid, status: Type.String() }), ...errors },
    },
  }, async (request, reply) => reply.status(201).send((await proposePlan(deps, requestActor(request), request.params.caseId, request.body)) as never));

  app.post('/api/v1/cases/:caseId/settlements', {
    config: { auth: { roles: agents } },
    schema: { tags, security, summary: 'Agree a settlement (partial remission once paid) within the mandate, or ask for approval', params: CaseParams, body: SettlementBody, response: { 201: Open({ settlementId: Uuid, status: Type.String() }), ...errors } },
  }, async (request, reply) => reply.status(201).send((await createSettlement(deps, requestActor(request), request.params.caseId, request.body)) as never));

  app.get('/api/v1/approvals', {
    config: { auth: { roles: managers } },
    schema: { tags, security, summary: 'Plans and settlements beyond the mandate, waiting for a manager', querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }), response: { 200: Open({}), ...errors } },
  }, async (request, reply) => reply.send(({ items: await listApprovals(deps, requestActor(request), request.query.limit) }) as never));

  app.post('/api/v1/approvals/:kind/:id/decision', {
    config: { auth: { roles: managers } },
    schema: {
      tags, security, summary: 'Approve or refuse (nobody approves their own request)',
      params: Type.Object({ kind: Type.Union([Type.Literal('plan'), Type.Literal('settlement')]), id: Uuid }),
      body: Type.Object({ approve: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
      response: { 200: Type.Object({ kind: Type.String(), id: Uuid, status: Type.String() }), ...errors },
    },
  }, async (request) => decideApproval(deps, requestActor(request), { ...request.params, ...request.body }));

  app.post('/api/v1/cases/:caseId/suspensions', {
    config: { auth: { roles: suspenders } },
    schema: {
      tags, security, summary: 'Record a dispute, a documents request… : the suspension starts at once', params: CaseParams,
      body: Type.Object({ kind: Type.Enum(agentSuspensionKinds), reason: Type.String({ minLength: 1, maxLength: 4000 }), untilAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))) }),
      response: { 201: Open({ suspensionId: Uuid, otherCasesSuspended: Type.Integer({ minimum: 0, description: 'Over-indebtedness and death stop every open case of the debtor: how many others were suspended' }) }), ...errors },
    },
  }, async (request, reply) => {
    const untilAt = request.body.untilAt ? new Date(request.body.untilAt) : null;
    return reply.status(201).send(await openSuspension(deps, requestActor(request), request.params.caseId, { kind: request.body.kind, reason: request.body.reason, untilAt }));
  });

  app.get('/api/v1/suspensions', {
    config: { auth: { roles: ['admin', 'manager', 'compliance'] } },
    schema: { tags, security, summary: 'Open suspensions (the compliance queue)', querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }), response: { 200: Open({}), ...errors } },
  }, async (request, reply) => reply.send(({ items: await listOpenSuspensions(deps, requestActor(request), request.query.limit) }) as never));

  app.post('/api/v1/suspensions/:suspensionId/resolution', {
    config: { auth: { roles: resolvers } },
    schema: {
      tags, security, summary: 'Resolve: dispute upheld (case closed as erroneous) or rejected (collection resumes); documents provided; lifted',
      params: Type.Object({ suspensionId: Uuid }),
      body: Type.Object({ resolution: Type.Enum(suspensionResolutions), note: Type.String({ minLength: 1, maxLength: 4000 }) }),
      response: { 200: Type.Object({ suspensionId: Uuid, resolution: Type.String() }), ...errors },
    },
  }, async (request) => resolveSuspension(deps, requestActor(request), request.params.suspensionId, request.body));

  app.post('/api/v1/assignments', {
    config: { auth: { roles: managers } },
    schema: {
      tags, security, summary: 'Assign cases to a team and/or an agent, by hand',
      body: Type.Object({ caseIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }), teamId: Type.Optional(Nullable(Uuid)), userId: Type.Optional(Nullable(Uuid)) }),
      response: { 200: Type.Object({ assigned: Type.Integer() }), ...errors },
    },
  }, async (request) => assignCases(deps, requestActor(request), request.body));

  const RuleSchema = Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }), creditorId: Nullable(Uuid), postcodePrefix: Nullable(Type.String({ maxLength: 5, pattern: '^[0-9AB]*$' })),
    category: Nullable(Type.Enum(claimCategories)), minBalanceCents: Nullable(Type.Integer({ minimum: 0 })), teamId: Uuid, userId: Nullable(Uuid),
  });
  app.get('/api/v1/assignment-rules', {
    config: { auth: { roles: managers } },
    schema: { tags, security, summary: 'Teams, agents and the assignment rules', response: { 200: Open({}), ...errors } },
  }, async (request, reply) => reply.send((await listAssignmentSetup(deps, requestActor(request))) as never));

  app.put('/api/v1/assignment-rules', {
    config: { auth: { roles: managers } },
    schema: { tags, security, summary: 'Replace the ordered assignment rules (first match wins)', body: Type.Object({ rules: Type.Array(RuleSchema, { maxItems: 200 }) }), response: { 200: Open({}), ...errors } },
  }, async (request, reply) => reply.send(({ rules: await replaceAssignmentRules(deps, requestActor(request), request.body.rules) }) as never));

  app.post('/api/v1/assignment-rules/apply', {
    config: { auth: { roles: managers } },
    schema: { tags, security, summary: 'Assign every open case without a team by the rules', response: { 200: Type.Object({ assigned: Type.Integer(), examined: Type.Integer() }), ...errors } },
  }, async (request) => applyAssignmentRules(deps, requestActor(request)));

  app.get('/api/v1/kpis', {
    config: { auth: { roles: dashboard } },
    schema: {
      tags, security, summary: 'Manager dashboard KPIs from the event history (docs/kpis.md)',
      querystring: Type.Object({ creditorId: Type.Optional(Uuid), teamId: Type.Optional(Uuid), from: Type.Optional(CivilDate), to: Type.Optional(CivilDate) }),
      response: { 200: Open({}), ...errors },
    },
  }, async (request, reply) => {
    const now = deps.clock.now();
    const to = request.query.to ? new Date(`${request.query.to}T23:59:59.999Z`) : now;
    const from = request.query.from ? new Date(`${request.query.from}T00:00:00Z`) : new Date(to.getTime() - 90 * 86_400_000);
    if (from > to) throw new AppError('validation_failed', 'from after to', { errors: [{ path: '/from', message: 'must not be after to' }] });
    const kpis = await readKpis(deps, requestActor(request), { from, to, ...(request.query.creditorId ? { creditorId: request.query.creditorId } : {}), ...(request.query.teamId ? { teamId: request.query.teamId } : {}) });
    return reply.send(kpis as never);
  });
}
