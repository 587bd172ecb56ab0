/** The job queue's dead letters for administrators and managers: list them, put one back. */
import { Type } from 'typebox';
import { listDeadLetters, retryDeadLetter, type JobAdmin } from '../../../application/jobs/dead-letters.ts';
import { problemResponses } from '../problem.ts';
import { requestActor } from '../request-actor.ts';
import type { AppInstanceBase } from './route-types.ts';

const DeadLetterSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'The job kind (docs/jobs.md).' }),
  payload: Type.Unknown(),
  attempts: Type.Integer(),
  createdOn: Type.String({ format: 'date-time' }),
  failedOn: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  error: Type.String({ description: 'The last attempt\'s error.' }),
});

export function registerJobRoutes(app: AppInstanceBase, jobs: JobAdmin): void {
  app.get('/api/v1/jobs/dead-letters', {
    config: { auth: { roles: ['admin', 'manager'] } },
    schema: {
      tags: ['operations'], summary: 'Jobs that used up their retries, newest first, with their last error', security: [{ session: [] }],
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
      response: { 200: Type.Object({ items: Type.Array(DeadLetterSchema) }), ...problemResponses },
    },
  }, async (request) => {
    const items = await listDeadLetters(jobs, requestActor(request), request.query.limit);
    return {
      items: items.map((d) => ({ ...d, createdOn: d.createdOn.toISOString(), failedOn: d.failedOn?.toISOString() ?? null })),
    };
  });

  app.post('/api/v1/jobs/dead-letters/:id/retry', {
    config: { auth: { roles: ['admin', 'manager'] } },
    schema: {
      tags: ['operations'], summary: 'Put a dead job back in its queue (every job is idempotent: running it again is safe)',
      security: [{ session: [], csrf: [] }],
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      response: { 202: Type.Object({ id: Type.String(), status: Type.Literal('queued') }), ...problemResponses },
    },
  }, async (request, reply) => {
    await retryDeadLetter(jobs, requestActor(request), request.params.id);
    return reply.status(202).send({ id: request.params.id, status: 'queued' as const });
  });
}
