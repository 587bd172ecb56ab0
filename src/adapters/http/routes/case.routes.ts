import { Type } from 'typebox';
import { getCase, listCases } from '../../../application/cases/read-cases.ts';
import type { UnitOfWork } from '../../../application/ports/repositories.ts';
import { caseStatuses } from '../../../domain/case/case-status.ts';
import { allRoles } from '../auth-rule.ts';
import { problemResponses } from '../problem.ts';
import { requestActor } from '../request-actor.ts';
import type { AppInstanceBase } from './route-types.ts';

const CaseStatusSchema = Type.Enum(caseStatuses);

export const CaseSummarySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  creditorId: Type.String({ format: 'uuid' }),
  creditorName: Type.String(),
  debtorId: Type.String({ format: 'uuid' }),
  debtorName: Type.String(),
  creditorReference: Type.String(),
  category: Type.String(),
  status: CaseStatusSchema,
  currency: Type.String({ minLength: 3, maxLength: 3 }),
  principalCents: Type.Integer({ description: 'Amounts are integer cents.' }),
  interestCents: Type.Integer(),
  accessoriesCents: Type.Integer(),
  dueDate: Type.String({ format: 'date' }),
  limitationExpiresOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  teamId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  assignedUserId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  paidCents: Type.Integer({ description: 'Paid so far (principal, interest, accessories), integer cents.' }),
  balanceCents: Type.Integer({ description: 'Still owed: principal + interest + accessories − paid − remitted by a settlement, never below 0.' }),
});

export function registerCaseRoutes(app: AppInstanceBase, deps: { uow: UnitOfWork }): void {
  app.get('/api/v1/cases', {
    config: { auth: { roles: allRoles, apiKeyScopes: ['cases:read', 'cases:write'] } },
    schema: {
      tags: ['cases'], summary: 'List cases (a creditor user or API key sees only its own)', security: [{ session: [] }, { apiKey: [] }],
      querystring: Type.Object({
        status: Type.Optional(CaseStatusSchema),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        offset: Type.Integer({ minimum: 0, default: 0 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(CaseSummarySchema), total: Type.Integer() }), ...problemResponses },
    },
  }, async (request) => deps.uow.run((repos) => listCases(repos, requestActor(request), request.query)));

  app.get('/api/v1/cases/:caseId', {
    config: { auth: { roles: allRoles, apiKeyScopes: ['cases:read', 'cases:write'] } },
    schema: {
      tags: ['cases'], summary: 'Read one case: status and balance (another creditor\'s case is not found)', security: [{ session: [] }, { apiKey: [] }],
      params: Type.Object({ caseId: Type.String({ format: 'uuid' }) }),
      response: { 200: CaseSummarySchema, ...problemResponses },
    },
  }, async (request) => deps.uow.run((repos) => getCase(repos, requestActor(request), request.params.caseId)));
}
