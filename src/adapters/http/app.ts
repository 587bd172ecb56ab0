/**
 * The HTTP edge (Fastify): security headers, size limits, rate limits, cookie sessions with CSRF,
 * an authorization rule on every route, RFC 9457 errors, and an OpenAPI 3.1 document generated from
 * the same TypeBox schemas that validate requests.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { resolveApiKey } from '../../application/api-keys/api-keys.ts';
import { admitRole, resolveSession, type ActiveSession, type SessionDeps } from '../../application/auth/session.ts';
import { AppError } from '../../application/errors.ts';
import type { MessagingDeps } from '../../application/messaging/messaging-deps.ts';
import type { PasswordHasher } from '../../application/ports/password-hasher.ts';
import type { AuthRule } from './auth-rule.ts';
import { loggerOptions } from './logger.ts';
import { problemFor } from './problem.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerCaseRoutes } from './routes/case.routes.ts';
import { registerComplianceRoutes } from './routes/compliance.routes.ts';
import { registerCreditorRoutes } from './routes/creditor.routes.ts';
import { registerHealthRoutes } from './routes/health.routes.ts';
import { registerImportRoutes, type ImportHttpDeps } from './routes/import.routes.ts';
import './request-actor.ts';
import { registerMessagingRoutes } from './routes/messaging.routes.ts';
import { registerBackofficeRoutes } from './routes/backoffice.routes.ts';
// ── payments (issue #7) ──
import { registerPaymentRoutes, type PaymentHttpDeps } from './routes/payment.routes.ts';
import { registerPortalCardRoutes } from './routes/portal-card.routes.ts';
import { registerCaseDocumentRoutes } from './routes/case-document.routes.ts';
// ── Creditor API, webhooks, remittances (issue #7 part B) ──
import { registerIdempotency } from './idempotency.ts';
import { registerCreditorApiRoutes, type CreditorApiBundle } from './routes/creditor-api.routes.ts';
import { registerRemittanceRoutes } from './routes/remittance.routes.ts';
import { registerWebhookRoutes } from './routes/webhook.routes.ts';
import type { AppInstanceBase } from './routes/route-types.ts';
import { registerWebAssets } from './web-assets.ts';
// ── operations (issue #9) ──
import type { JobAdmin } from '../../application/jobs/dead-letters.ts';
import type { PrometheusMetrics } from '../observability/prometheus.metrics.ts';
import { registerJobRoutes } from './routes/jobs.routes.ts';
import { registerMetricsRoutes } from './routes/metrics.routes.ts';
// Debtor portal (issue #8).
import type { PortalDeps } from '../../application/portal/portal-deps.ts';
import { authenticateDebtor, registerPortalRoutes } from './routes/portal.routes.ts';
import { registerRightsRoutes } from './routes/rights.routes.ts';

export const sessionCookieName = 'amiable_session';

export interface HttpOptions {
  readonly logLevel: string;
  readonly prettyLogs: boolean;
  /** Set Secure on cookies: true when the public URL is https. */
  readonly secureCookies: boolean;
  readonly trustProxy: boolean;
  readonly version: string;
  /** Built web application to serve, or null to serve the API only. */
  readonly webDistDir: string | null;
  /** A pino instance to log through instead of creating one (tests capture logs this way). */
  readonly logger?: Logger;
}

export interface HttpDeps extends SessionDeps {
  readonly hasher: PasswordHasher;
  readonly decoyHash: string;
  readonly ping: () => Promise<void>;
  /** Portfolio intake (issue #4); its routes are served when given. */
  readonly intake?: ImportHttpDeps;
  /** Letters and messaging (issue #5); absent in the few tests that build a bare app. */
  readonly messaging?: MessagingDeps;
  // ── payments (issue #7) ──
  /** Payments, bank statements, closure; absent in the few tests that build a bare app. */
  readonly payments?: PaymentHttpDeps;
  // ── operations (issue #9) ──
  /** Prometheus metrics of this process; `GET /metrics` is served when given. */
  readonly metrics?: PrometheusMetrics;
  /** Bearer token a Prometheus scraper sends to `GET /metrics` (METRICS_TOKEN); null: admin sessions only. */
  readonly metricsToken?: string | null;
  /** The job queue's dead letters, for the back office. */
  readonly jobs?: JobAdmin;
  /** Debtor portal (issue #8); its routes are served when given. */
  readonly portal?: PortalDeps;
  /** Creditor API: Idempotency-Key on every POST, cases, API keys, webhooks, remittances (issue #7 part B). */
  readonly creditorApi?: CreditorApiBundle;
}

export type AppInstance = FastifyInstance & { readonly routeTable: readonly RouteOptions[] };

declare module 'fastify' {
  interface FastifyRequest {
    session: ActiveSession | null;
    /** The session cookie, left to a `sessionReadByRoute` route's handler to resolve (see `AuthRule`). */
    deferredSessionToken: string | null;
  }
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const requestIdPattern = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildHttpApp(deps: HttpDeps, options: HttpOptions): Promise<AppInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: loggerOptions(options.logLevel, options.prettyLogs) }),
    trustProxy: options.trustProxy,
    // JSON bodies above 1 MiB are refused; upload routes raise their own limit.
    bodyLimit: 1024 * 1024,
    // A request id from the caller (a proxy, a creditor's system) is kept when it is a plain token, so one
    // id follows the request across systems; otherwise a new one. It is logged with every line and returned.
    requestIdHeader: false,
    genReqId: (request) => {
      const sent = request.headers['x-request-id'];
      return typeof sent === 'string' && requestIdPattern.test(sent) ? sent : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as AppInstanceBase;

  const routeTable: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routeTable.push(route as RouteOptions);
  });
  // A route without an authorization rule is a bug: refuse to serve at all.
  app.addHook('onReady', async () => {
    const missing = routeTable.filter((r) => !r.config?.auth).map((r) => `${String(r.method)} ${r.url}`);
    if (missing.length) throw new Error(`Routes without an authorization rule: ${missing.join(', ')}`);
  });

  app.decorateRequest('session', null);
  app.decorateRequest('deferredSessionToken', null);
  // ── operations (issue #9): the request id goes back to the caller; every answer is counted and timed by route pattern.
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  if (deps.metrics) {
    const metrics = deps.metrics;
    app.addHook('onResponse', async (request, reply) => {
      metrics.observeHttp(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    });
  }
  app.decorateRequest('apiKey', null);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'internal') request.log.error({ err: error }, 'request failed');
    return sendError(appError, request, reply);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes CSS variables in style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: options.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: options.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError('rate_limited', `Too many requests: retry in ${Math.ceil(context.ttl / 1000)} s`, {
      retryAfterSeconds: Math.ceil(context.ttl / 1000),
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Amiable API',
        version: options.version,
        description: 'Amicable debt collection with the debtor\'s rights enforced by code. Errors are RFC 9457 problem details with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName, description: 'Back-office session cookie set by POST /api/v1/auth/login.' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'Required on every state-changing request made with a session.' },
          portalSession: { type: 'apiKey', in: 'cookie', name: 'amiable_portal', description: 'Debtor portal session cookie set by POST /api/v1/portal/login (issue #8); state-changing requests also need x-csrf-token.' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'Creditor API key `amk_<prefix>_<secret>` (`npx amiable api-key create`). Bound to its creditor; no CSRF token.' },
        },
      },
    },
  });
  await app.register(async (docs) => {
    // The reference UI's own routes are public documentation.
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, auth: { public: 'API reference' } };
    });
    await docs.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  app.addHook('onRequest', async (request) => {
    const rule: AuthRule | undefined = request.routeOptions.config?.auth;
    if (!rule) {
      // Unknown URL: let the not-found handler answer.
      if (request.routeOptions.url === undefined) return;
      throw new AppError('internal', 'Route without an authorization rule');
    }
    const token = request.cookies[sessionCookieName];
    if (token && 'roles' in rule && rule.sessionReadByRoute && safeMethods.has(request.method) && bearerToken(request.headers.authorization) === null) {
      request.deferredSessionToken = token;
      return;
    }
    if (token) {
      try {
        request.session = await resolveSession(deps, token);
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'unauthenticated')) throw error;
      }
    }
    if ('public' in rule) return;
    const bearer = bearerToken(request.headers.authorization);
    // A route open to the metrics scraper accepts METRICS_TOKEN as a bearer token (compared in constant time).
    if (bearer && 'metricsToken' in rule && rule.metricsToken && deps.metricsToken && tokenMatches(bearer, deps.metricsToken)) return;
    if (bearer !== null) {
      const key = bearer === '' ? null : await deps.uow.run((repos) => resolveApiKey({ apiKeys: repos.apiKeys, secrets: deps.secrets, clock: deps.clock }, bearer));
      if (!key) throw new AppError('unauthenticated', 'Invalid, unknown or revoked API key');
      if (!('roles' in rule) || !rule.apiKeyScopes) throw new AppError('forbidden', 'This route does not accept API keys');
      if (!rule.apiKeyScopes.some((scope) => key.scopes.includes(scope))) {
        throw new AppError('forbidden', `This API key lacks the scope ${rule.apiKeyScopes.join(' or ')}`);
      }
      // No cookie is involved, so there is no cross-site request to forge: no CSRF check.
      request.apiKey = key;
      return;
    }
    if ('debtor' in rule) {
      // Debtor portal (issue #8): its own session cookie, resolved only on its own routes.
      await authenticateDebtor(request, deps.portal);
      return;
    }
    const session = request.session;
    if (!session) throw new AppError('unauthenticated', 'Log in first');
    admitRole(session, rule.roles);
    if (!safeMethods.has(request.method) && !csrfMatches(request.headers['x-csrf-token'], session.csrfToken)) {
      throw new AppError('csrf_invalid', 'Send the x-csrf-token header received at login');
    }
  });

  // Before any route is added: its onRoute hook documents the Idempotency-Key header on every POST.
  if (deps.creditorApi) registerIdempotency(app as unknown as FastifyInstance, { store: deps.creditorApi.idempotency, clock: deps.clock });
  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps, { secureCookies: options.secureCookies });
  registerCaseRoutes(app, deps);
  registerComplianceRoutes(app, deps.metrics);
  registerCreditorRoutes(app, deps);
  if (deps.intake) registerImportRoutes(app, { ...deps.intake, log: app.log });
  if (deps.messaging) registerMessagingRoutes(app, deps.messaging);
  // Back office (issue #6).
  if (deps.messaging) registerBackofficeRoutes(app, deps.messaging, deps);
  // ── payments (issue #7) ──
  if (deps.payments) registerPaymentRoutes(app, deps.payments);
  // Card payment from the debtor portal (issues #7, #8).
  if (deps.payments && deps.portal) registerPortalCardRoutes(app, deps.payments);
  // A case's documents, from the back office (issue #6): stored with the portal's evidence storage.
  if (deps.portal) registerCaseDocumentRoutes(app, { uow: deps.uow, documents: deps.portal.uow, evidence: deps.portal.evidence });
  // ── operations (issue #9) ──
  if (deps.metrics) registerMetricsRoutes(app, deps.metrics);
  if (deps.jobs) registerJobRoutes(app, deps.jobs);
  // ── Debtor portal and public rights pages (issue #8) ──
  if (deps.portal) {
    registerPortalRoutes(app, deps.portal, { secureCookies: options.secureCookies });
    registerRightsRoutes(app, deps.portal);
  }
  // ── Creditor API, webhooks, remittances (issue #7 part B) ──
  if (deps.creditorApi && deps.intake) {
    registerCreditorApiRoutes(app, { uow: deps.uow, clock: deps.clock, secrets: deps.secrets, newId: deps.creditorApi.newId, intake: deps.intake });
  }
  if (deps.creditorApi) {
    registerWebhookRoutes(app, deps.creditorApi.webhooks);
    registerRemittanceRoutes(app, { uow: deps.uow, clock: deps.clock, newId: deps.creditorApi.newId, agencyName: deps.creditorApi.agencyName });
  }
  app.get('/api/openapi.json', { config: { auth: { public: 'API description' } }, schema: { hide: true } }, async () => app.swagger());

  if (options.webDistDir) await registerWebAssets(app, options.webDistDir);
  app.setNotFoundHandler((request, reply) => sendError(new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`), request, reply));

  return Object.assign(app, { routeTable }) as unknown as AppInstance;
}

function tokenMatches(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function csrfMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
}

function toAppError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    return new AppError('validation_failed', 'The request does not match the expected schema', {
      errors: error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath || ''}`,
        message: v.message ?? 'invalid',
      })),
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Unsupported content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', 'The body is not valid JSON');
    default:
      break;
  }
  if (error.statusCode === 429) return new AppError('rate_limited', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return new AppError('validation_failed', error.message);
  return new AppError('internal', error.message);
}

function sendError(error: AppError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = problemFor(error, request.id);
  if (problem.retryAfterSeconds !== undefined) void reply.header('retry-after', String(problem.retryAfterSeconds));
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
