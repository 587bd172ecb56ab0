/**
 * Creditor API keys (minimal version for intake; issue #7 builds the full creditor API). A key reads
 * `amk_<prefix>_<secret>`: the prefix finds the row, only the SHA-256 digest of the secret is stored,
 * and the full key is shown once, at creation. A key acts for its creditor only, within its scopes.
 */
import type { ApiKeyActor } from '../actor.ts';
import { AppError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Secrets } from '../ports/secrets.ts';

export const apiKeyScopeValues = ['imports:write', 'imports:read', // ── payments (issue #7) ──
  'payments:write', 'payments:read'] as const;
export type ApiKeyScope = (typeof apiKeyScopeValues)[number];

export interface ApiKeyRecord {
  readonly id: string;
  readonly creditorId: string;
  readonly name: string;
  readonly prefix: string;
  readonly secretHash: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface ApiKeyRepository {
  create(record: Omit<ApiKeyRecord, 'createdAt' | 'lastUsedAt' | 'revokedAt'>): Promise<void>;
  findByPrefix(prefix: string): Promise<ApiKeyRecord | null>;
  touch(creditorId: string, id: string, at: Date): Promise<void>;
  creditorExists(creditorId: string): Promise<boolean>;
}

export interface ApiKeyDeps {
  readonly apiKeys: ApiKeyRepository;
  readonly secrets: Secrets;
  readonly clock: Clock;
  readonly newId: () => string;
}

const keyPattern = /^amk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
/** Writing last_used_at on every call would write on every request: once a minute is enough. */
const touchIntervalMs = 60_000;

export async function createApiKey(deps: ApiKeyDeps, input: { creditorId: string; name: string; scopes: readonly string[] }): Promise<{ key: string; record: Pick<ApiKeyRecord, 'id' | 'creditorId' | 'name' | 'prefix' | 'scopes'> }> {
  const unknown = input.scopes.filter((s) => !(apiKeyScopeValues as readonly string[]).includes(s));
  if (input.scopes.length === 0 || unknown.length > 0) {
    throw new AppError('validation_failed', `Scopes must be among ${apiKeyScopeValues.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
  }
  if (!(await deps.apiKeys.creditorExists(input.creditorId))) throw new AppError('not_found', 'Creditor not found');
  const prefix = deps.secrets.token().replace(/[^A-Za-z0-9]/g, '').slice(0, 12).padEnd(12, '0');
  const secret = deps.secrets.token();
  const record = { id: deps.newId(), creditorId: input.creditorId, name: input.name, prefix, secretHash: deps.secrets.digest(secret), scopes: [...input.scopes] };
  await deps.apiKeys.create(record);
  return { key: `amk_${prefix}_${secret}`, record };
}

/** The actor behind a presented key, or null when it is malformed, unknown, revoked or wrong. */
export async function resolveApiKey(deps: Omit<ApiKeyDeps, 'newId'>, presented: string): Promise<ApiKeyActor | null> {
  const match = keyPattern.exec(presented);
  if (!match) return null;
  const record = await deps.apiKeys.findByPrefix(match[1]!);
  if (!record || record.revokedAt !== null) return null;
  if (!deps.secrets.matches(deps.secrets.digest(match[2]!), record.secretHash)) return null;
  const now = deps.clock.now();
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= touchIntervalMs) await deps.apiKeys.touch(record.creditorId, record.id, now);
  return { kind: 'api_key', keyId: record.id, creditorId: record.creditorId, scopes: record.scopes };
}
