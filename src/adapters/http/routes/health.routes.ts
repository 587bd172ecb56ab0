import { Type } from 'typebox';
import { AppError } from '../../../application/errors.ts';
import type { AppInstanceBase } from './route-types.ts';

export function registerHealthRoutes(app: AppInstanceBase, deps: { ping: () => Promise<void> }): void {
  app.get('/healthz', {
    config: { auth: { public: 'liveness probe' } },
    schema: { tags: ['operations'], summary: 'The process is up', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    config: { auth: { public: 'readiness probe' } },
    schema: { tags: ['operations'], summary: 'The database is reachable', response: { 200: Type.Object({ status: Type.Literal('ready') }) } },
  }, async () => {
    try {
      await deps.ping();
    } catch {
      throw new AppError('service_unavailable', 'The database is not reachable');
    }
    return { status: 'ready' as const };
  });
}
