/**
 * `Idempotency-Key` for POST requests (docs/creditor-api.md): a client that retries a request after a
 * timeout must not create a second case, a second payment or a second subscription.
 *
 * - first request with a key: a row (principal, key) is written *before* the work starts, in its own
 *   transaction, holding the request's fingerprint (method, path, SHA-256 of the body);
 * - when it is answered, the response (status, type, body) is stored with it;
 * - same key + same fingerprint → the stored response is replayed, nothing runs again;
 * - same key + another fingerprint → `idempotency_key_reused` (422);
 * - same key while the first is still running → `idempotency_in_progress` (409); a row left
 *   `in_progress` past its lock (the process died) is taken over by the next retry;
 * - an error answer (4xx, 5xx) is not stored (the work rolled back): the key is released so a retry runs again.
 *
 * Keys live 24 hours (as Stripe's); `purgeIdempotencyKeys` deletes expired rows.
 */
import { AppError } from '../errors.ts';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** How long a request may run before a retry may take its key over. */
export const IDEMPOTENCY_LOCK_MS = 60 * 1000;

export interface IdempotencyRecord {
  readonly principal: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly fingerprint: string;
  readonly status: 'in_progress' | 'completed';
  readonly responseStatus: number | null;
  readonly responseType: string | null;
  readonly responseBody: string | null;
  readonly lockedUntil: Date;
  readonly expiresAt: Date;
}

export interface StoredResponse {
  readonly status: number;
  readonly type: string | null;
  readonly body: string;
}

export interface IdempotencyStore {
  /** Inserts the row unless (principal, key) exists; returns whether it was inserted. Commits at once. */
  tryInsert(record: IdempotencyRecord): Promise<boolean>;
  find(principal: string, key: string): Promise<IdempotencyRecord | null>;
  /** Replaces a row that expired or whose lock lapsed, if it still is `expected`'s version; returns whether it did. */
  takeOver(record: IdempotencyRecord, expected: { lockedUntil: Date; status: string }): Promise<boolean>;
  complete(principal: string, key: string, response: StoredResponse): Promise<void>;
  release(principal: string, key: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

export interface IdempotentRequest {
  readonly principal: string;
  readonly key: string;
  readonly method: string;
  readonly path: string;
  readonly fingerprint: string;
}

export type BeginOutcome = { readonly kind: 'proceed' } | { readonly kind: 'replay'; readonly response: StoredResponse };

export async function beginIdempotentRequest(store: IdempotencyStore, request: IdempotentRequest, now: Date): Promise<BeginOutcome> {
  const fresh: IdempotencyRecord = {
    ...request, status: 'in_progress', responseStatus: null, responseType: null, responseBody: null,
    lockedUntil: new Date(now.getTime() + IDEMPOTENCY_LOCK_MS), expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
  };
  for (let tries = 0; tries < 3; tries++) {
    if (await store.tryInsert(fresh)) return { kind: 'proceed' };
    const existing = await store.find(request.principal, request.key);
    if (!existing) continue; // released or purged meanwhile: insert again
    if (existing.expiresAt.getTime() <= now.getTime()) {
      if (await store.takeOver(fresh, existing)) return { kind: 'proceed' };
      continue;
    }
    if (existing.status === 'in_progress' && existing.lockedUntil.getTime() > now.getTime()) {
      throw new AppError('idempotency_in_progress', `A request with Idempotency-Key "${request.key}" is still being processed: retry later`, { retryAfterSeconds: 1 });
    }
    if (existing.fingerprint !== request.fingerprint) {
      throw new AppError('idempotency_key_reused', `Idempotency-Key "${request.key}" was already used with another request (${existing.method} ${existing.path} with a different body)`);
    }
    if (existing.status === 'completed' && existing.responseStatus !== null) {
      return { kind: 'replay', response: { status: existing.responseStatus, type: existing.responseType, body: existing.responseBody ?? '' } };
    }
    // In progress past its lock: the process that held it died; this retry takes over.
    if (await store.takeOver(fresh, existing)) return { kind: 'proceed' };
  }
  throw new AppError('idempotency_in_progress', `Idempotency-Key "${request.key}" is contended: retry later`, { retryAfterSeconds: 1 });
}

/**
 * Stores a successful answer (below 400) for replay, or releases the key: an error answer means the
 * work rolled back (a use case's transaction is all or nothing), so a retry, corrected or not, runs again.
 */
export async function finishIdempotentRequest(store: IdempotencyStore, request: Pick<IdempotentRequest, 'principal' | 'key'>, response: StoredResponse | null): Promise<void> {
  if (response === null || response.status >= 400) await store.release(request.principal, request.key);
  else await store.complete(request.principal, request.key, response);
}

export async function purgeIdempotencyKeys(deps: { store: IdempotencyStore }, now: Date): Promise<{ deleted: number }> {
  return { deleted: await deps.store.purgeExpired(now) };
}
