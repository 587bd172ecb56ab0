/**
 * Prometheus metrics (prom-client): HTTP requests and latency by route and status, jobs by kind and
 * outcome with their durations, compliance refusals by rule, and the default process metrics (CPU,
 * memory, event-loop lag, handles). One registry per process; each process (API, worker) exposes its
 * own figures and Prometheus sums them over instances.
 */
import client from 'prom-client';

export type JobOutcome = 'completed' | 'failed';
export type RefusalSource = 'outbox' | 'compliance_api';

export class PrometheusMetrics {
  readonly registry = new client.Registry();
  private readonly httpRequests: client.Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  private readonly jobs: client.Counter<'job' | 'outcome'>;
  private readonly jobDuration: client.Histogram<'job' | 'outcome'>;
  private readonly refusals: client.Counter<'rule' | 'source'>;

  constructor(options: { readonly defaultMetrics?: boolean; readonly labels?: Record<string, string> } = {}) {
    if (options.labels) this.registry.setDefaultLabels(options.labels);
    if (options.defaultMetrics ?? true) client.collectDefaultMetrics({ register: this.registry, prefix: 'amiable_' });
    this.httpRequests = new client.Counter({
      name: 'amiable_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'], registers: [this.registry],
    });
    this.httpDuration = new client.Histogram({
      name: 'amiable_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method, route pattern and status.',
      labelNames: ['method', 'route', 'status'], registers: [this.registry],
      // From a cached page (5 ms) to an upload or report (10 s); the case page's goal is 200 ms (issue #9).
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10],
    });
    this.jobs = new client.Counter({
      name: 'amiable_jobs_total', help: 'Background job runs, by job kind and outcome (a failed run is retried until its retry limit).',
      labelNames: ['job', 'outcome'], registers: [this.registry],
    });
    this.jobDuration = new client.Histogram({
      name: 'amiable_job_duration_seconds', help: 'Duration of background job runs, by job kind and outcome.',
      labelNames: ['job', 'outcome'], registers: [this.registry],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
    });
    this.refusals = new client.Counter({
      name: 'amiable_compliance_refusals_total', help: 'Contacts the compliance engine refused, by rule and where it was asked (outbox sending, compliance API).',
      labelNames: ['rule', 'source'], registers: [this.registry],
    });
  }

  observeHttp(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  observeJob(job: string, outcome: JobOutcome, seconds: number): void {
    this.jobs.inc({ job, outcome });
    this.jobDuration.observe({ job, outcome }, seconds);
  }

  complianceRefused(rules: readonly string[], source: RefusalSource): void {
    for (const rule of rules) this.refusals.inc({ rule, source });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.renderer ? this.renderer() : this.registry.metrics();
  }

  /** Several API processes on one port (`AMIABLE_API_PROCESSES`): `/metrics` answers for all of them. */
  renderWith(renderer: () => Promise<string>): void {
    this.renderer = renderer;
  }

  private renderer: (() => Promise<string>) | null = null;
}
