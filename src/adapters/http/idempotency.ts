/**
 * The generic `Idempotency-Key` mechanism for every POST under /api/v1 (docs/creditor-api.md). Routes
 * get it without doing anything: the key is optional, and when it is sent the first answer is stored
 * and replayed for retries (see src/application/idempotency/idempotent-request.ts for the rules).
 * A route that implements its own idempotency (the streamed import, keyed by its file's SHA-256)
 * declares `config.idempotency: 'route'` and is left alone.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { beginIdempotentRequest, finishIdempotentRequest, type IdempotencyStore } from '../../application/idempotency/idempotent-request.ts';
import { AppError } from '../../application/errors.ts';
import type { Clock } from '../../application/ports/clock.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `'route'`: the route handles Idempotency-Key itself (the generic hook skips it).
     * `'secret'`: the answer holds a secret shown once (an API key, a webhook secret): it is never stored;
     * a retry with the same key gets 409 instead of a second resource.
     */
    idempotency?: 'route' | 'secret';
  }
  interface FastifyRequest {
    idempotency: { readonly principal: string; readonly key: string } | null;
  }
}

export const idempotencyHeader = 'idempotency-key';
const keyPattern = /^[\x21-\x7e]{1,255}$/;
/** Stored in place of an answer that held a secret. */
const withheld = 'application/x-amiable-secret-withheld';

const headerSchema = {
  type: 'string', minLength: 1, maxLength: 255,
  description: 'Optional. A unique key per operation (e.g. a UUID): a retry with the same key and the same body replays the first answer '
    + '(header `idempotent-replayed: true`); the same key with another body is refused (422 `idempotency_key_reused`); '
    + 'while the first request runs, 409 `idempotency_in_progress`. Remembered 24 hours, per API key or user.',
};

function applies(request: FastifyRequest): boolean {
  return request.method === 'POST' && (request.routeOptions.url ?? '').startsWith('/api/v1/') && request.routeOptions.config?.idempotency !== 'route';
}

/** JSON with sorted keys: the same body sent with its fields in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function registerIdempotency(app: FastifyInstance, deps: { store: IdempotencyStore; clock: Clock }): void {
  app.decorateRequest('idempotency', null);

  // Document the header on every POST under /api/v1 (the OpenAPI document is built from route schemas).
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || !route.url.startsWith('/api/v1/') || route.config?.idempotency === 'route') return;
    const schema = (route.schema ?? {}) as { headers?: { type?: string; properties?: Record<string, unknown> } };
    const headers = schema.headers ?? { type: 'object', properties: {} };
    route.schema = { ...schema, headers: { ...headers, type: 'object', properties: { ...headers.properties, [idempotencyHeader]: headerSchema } } };
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!applies(request)) return;
    const raw = request.headers[idempotencyHeader];
    if (raw === undefined) return;
    const key = String(raw);
    if (!keyPattern.test(key)) throw new AppError('validation_failed', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    const principal = request.apiKey ? `api_key:${request.apiKey.keyId}` : request.session ? `user:${request.session.actor.userId}` : null;
    // Public POSTs (log in) have nobody to scope the key to: they are not made idempotent.
    if (principal === null) return;
    const path = request.url;
    const fingerprint = createHash('sha256').update(`${request.method} ${path}\n${canonicalJson(request.body ?? null)}`).digest('hex');
    const outcome = await beginIdempotentRequest(deps.store, { principal, key, method: request.method, path, fingerprint }, deps.clock.now());
    if (outcome.kind === 'replay') {
      if (outcome.response.type === withheld) {
        throw new AppError('conflict', `This request (Idempotency-Key "${key}") was already processed; its answer held a secret shown once, which is not kept: list the resource instead`);
      }
      void reply.status(outcome.response.status).header('idempotent-replayed', 'true');
      if (outcome.response.type) void reply.header('content-type', outcome.response.type);
      // Sent as stored: the response was serialised the first time.
      return reply.serializer((payload) => payload as string).send(outcome.response.body);
    }
    request.idempotency = { principal, key };
    return undefined;
  });

  app.addHook('onSend', async (request, reply: FastifyReply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = null;
    if (request.routeOptions.config?.idempotency === 'secret' && reply.statusCode < 400) {
      await finishIdempotentRequest(deps.store, held, { status: reply.statusCode, type: withheld, body: '' });
      return payload;
    }
    const type = (reply.getHeader('content-type') as string | undefined) ?? null;
    // Text answers are stored for replay; a stream or a binary body is not, and its key is released.
    const replayable = typeof payload === 'string' || (Buffer.isBuffer(payload) && (type === null || /json|text|xml|csv/.test(type)));
    await finishIdempotentRequest(deps.store, held, replayable ? {
      status: reply.statusCode, type,
      body: typeof payload === 'string' ? payload : (payload as Buffer).toString('utf8'),
    } : null);
    return payload;
  });

  // A request that never answers (client gone) gives its key back; the lock would lapse anyway.
  app.addHook('onRequestAbort', async (request) => {
    const held = request.idempotency;
    if (held) await finishIdempotentRequest(deps.store, held, null);
  });
}
