/**
 * The compliance engine over HTTP, for dialers and SMS gateways outside Amiable that must ask for a
 * permit before they act (DESIGN.md §5). Same shapes as `amiable check contact|limitation`: an array in,
 * one decision (or one error naming the field) per item out, in order — a bad item never fails the batch,
 * so the request body is checked per item by the engine rather than rejected whole by the schema.
 */
import { Type, type TSchema } from 'typebox';
import {
  DecisionSchema, LimitationInputSchema, LimitationOutputSchema, SituationSchema, computeLimitations, decideContacts,
} from '../../../application/compliance/index.ts';
import { AppError } from '../../../application/errors.ts';
import type { PrometheusMetrics } from '../../observability/prometheus.metrics.ts';
import { staffRoles } from '../auth-rule.ts';
import { problemResponses } from '../problem.ts';
import type { AppInstanceBase } from './route-types.ts';

/** Enough for a dialer's batch, small enough to keep one request well under a second. */
export const maxItemsPerRequest = 1000;

const ItemErrorSchema = Type.Object({
  id: Type.Optional(Type.String()),
  index: Type.Integer({ description: 'Position of the item in the request array (0-based).' }),
  error: Type.String({ description: 'Why the item could not be evaluated, naming the offending field.' }),
}, { description: 'An item that could not be evaluated; the other items are unaffected.' });

/**
 * Accepts any array up to the limit; each item is validated by the engine (documented schema still shown).
 * Only the body: other parts (the Idempotency-Key header every POST documents) pass as they are.
 */
const perItemValidator = ({ httpPart }: { httpPart?: string }) => (data: unknown) => {
  if (httpPart !== 'body') return { value: data };
  if (!Array.isArray(data)) return { error: new AppError('validation_failed', 'The body must be a JSON array of items') };
  if (data.length > maxItemsPerRequest) {
    return { error: new AppError('validation_failed', `At most ${maxItemsPerRequest} items per request, got ${data.length}`) };
  }
  return { value: data };
};

function batchRoute(app: AppInstanceBase, url: string, options: {
  summary: string; description: string; item: TSchema; result: TSchema; evaluate: (items: readonly unknown[]) => unknown[];
}): void {
  app.post(url, {
    config: { auth: { roles: staffRoles } },
    validatorCompiler: perItemValidator,
    schema: {
      tags: ['compliance'],
      summary: options.summary,
      description: options.description,
      security: [{ session: [], csrf: [] }],
      body: Type.Array(options.item, { maxItems: maxItemsPerRequest }),
      response: { 200: Type.Array(Type.Union([options.result, ItemErrorSchema])), ...problemResponses },
    },
  }, async (request) => options.evaluate(request.body as unknown[]));
}

/** Counts, by rule, the contacts the engine refused in a batch of decisions (issue #9 metrics). */
function countRefusals(metrics: PrometheusMetrics | undefined, results: unknown[]): unknown[] {
  if (!metrics) return results;
  for (const result of results) {
    const decision = result as { allowed?: unknown; reasons?: { rule?: unknown }[] };
    if (decision.allowed === false && Array.isArray(decision.reasons)) {
      metrics.complianceRefused(decision.reasons.map((r) => String(r.rule)), 'compliance_api');
    }
  }
  return results;
}

export function registerComplianceRoutes(app: AppInstanceBase, metrics?: PrometheusMetrics): void {
  batchRoute(app, '/api/v1/compliance/contact-decisions', {
    summary: 'May this contact happen now? One decision per situation',
    description: 'Evaluates each situation with the contact policy (profiles fr-amiable, fr-d223-9, us-regf): every applicable reason with its rule id, kind (law, regulation, self-regulation, policy), citation and a French and English message, and the next lawful instant. Same input and output as `amiable check contact`.',
    item: SituationSchema, result: DecisionSchema, evaluate: (items) => countRefusals(metrics, decideContacts(items)),
  });
  batchRoute(app, '/api/v1/compliance/limitations', {
    summary: 'Is this claim time-barred? One limitation result per claim',
    description: 'Computes the prescription or forclusion period of each claim (category, dates, interrupting events) as of a date: the last day of the term (C. civ. 2229), its status and the articles applied. Same input and output as `amiable check limitation`.',
    item: LimitationInputSchema, result: LimitationOutputSchema, evaluate: computeLimitations,
  });
}
