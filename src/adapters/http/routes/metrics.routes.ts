/**
 * `GET /metrics`: the Prometheus exposition of this process. Not public (route patterns, job names and
 * refusal counts describe the business): a scraper sends `Authorization: Bearer <METRICS_TOKEN>`, or an
 * administrator opens it with a session.
 */
import type { PrometheusMetrics } from '../../observability/prometheus.metrics.ts';
import { problemResponses } from '../problem.ts';
import type { AppInstanceBase } from './route-types.ts';

export function registerMetricsRoutes(app: AppInstanceBase, metrics: PrometheusMetrics): void {
  app.get('/metrics', {
    config: { auth: { roles: ['admin'], metricsToken: true } },
    schema: {
      tags: ['operations'], summary: 'Prometheus metrics of this process (requests, latencies, jobs, compliance refusals, process)',
      description: 'Text exposition format 0.0.4. Send `Authorization: Bearer <METRICS_TOKEN>`, or call it with an admin session.',
      security: [{ session: [] }], produces: ['text/plain'], response: problemResponses,
    },
  }, async (_request, reply) => {
    void reply.header('content-type', metrics.contentType);
    (reply as unknown as { send(payload: string): void }).send(await metrics.render());
    return reply;
  });
}
