/**
 * The back office's view of creditor API keys (admin only): list them (prefix, scopes, last use, never
 * the secret), create one (shown once), revoke one. Every change goes to the audit log.
 */
import { actorId, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { AuditLog } from '../ports/repositories.ts';
import { createApiKey, type ApiKeyDeps, type ApiKeyRecord, type ApiKeyRepository } from './api-keys.ts';

export type ApiKeyView = Omit<ApiKeyRecord, 'secretHash'>;

const view = ({ secretHash: _secretHash, ...rest }: ApiKeyRecord): ApiKeyView => rest;

function requireAdmin(actor: Actor): void {
  if (!(actor.kind === 'user' && actor.role === 'admin') && actor.kind !== 'system') throw new AppError('forbidden', 'Only an administrator manages API keys');
}

export async function listApiKeys(repos: { apiKeys: ApiKeyRepository }, actor: Actor, filter: { creditorId?: string }): Promise<ApiKeyView[]> {
  requireAdmin(actor);
  return (await repos.apiKeys.list(filter)).map(view);
}

export async function issueApiKey(
  deps: ApiKeyDeps & { audit: AuditLog }, actor: Actor, input: { creditorId: string; name: string; scopes: readonly string[] },
): Promise<{ key: string; record: { id: string; creditorId: string; name: string; prefix: string; scopes: readonly string[] } }> {
  requireAdmin(actor);
  const created = await createApiKey(deps, input);
  await deps.audit.append({
    at: deps.clock.now(), actorKind: actor.kind === 'user' ? 'user' : 'system', actorId: actorId(actor), action: 'api_key.created', entityType: 'api_key',
    entityId: created.record.id, creditorId: created.record.creditorId, data: { name: created.record.name, prefix: created.record.prefix, scopes: created.record.scopes },
  });
  return created;
}

export async function revokeApiKey(
  deps: { apiKeys: ApiKeyRepository; audit: AuditLog; now: Date }, actor: Actor, input: { creditorId: string; id: string },
): Promise<ApiKeyView> {
  requireAdmin(actor);
  const revoked = await deps.apiKeys.revoke(input.creditorId, input.id, deps.now);
  if (!revoked) throw notFound('API key');
  await deps.audit.append({
    at: deps.now, actorKind: actor.kind === 'user' ? 'user' : 'system', actorId: actorId(actor), action: 'api_key.revoked', entityType: 'api_key',
    entityId: revoked.id, creditorId: revoked.creditorId, data: { prefix: revoked.prefix },
  });
  return view(revoked);
}
