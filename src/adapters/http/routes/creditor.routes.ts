import { Type } from 'typebox';
import { listCreditors } from '../../../application/creditors/list-creditors.ts';
import type { UnitOfWork } from '../../../application/ports/repositories.ts';
import { allRoles } from '../auth-rule.ts';
import { problemResponses } from '../problem.ts';
import { requestActor } from '../request-actor.ts';
import type { AppInstanceBase } from './route-types.ts';

export function registerCreditorRoutes(app: AppInstanceBase, deps: { uow: UnitOfWork }): void {
  app.get('/api/v1/creditors', {
    config: { auth: { roles: allRoles } },
    schema: {
      tags: ['creditors'], summary: 'Creditors you may work for (a creditor user sees only its own)', security: [{ session: [] }],
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() })) }), ...problemResponses },
    },
  }, async (request) => ({ items: await deps.uow.run((repos) => listCreditors(repos, requestActor(request))) }));
}
