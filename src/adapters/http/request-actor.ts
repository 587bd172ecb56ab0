import type { FastifyRequest } from 'fastify';
import type { Actor, ApiKeyActor, UserRole } from '../../application/actor.ts';
import { admitRole, resolveSession, type ActiveSession, type SessionDeps } from '../../application/auth/session.ts';
import { AppError } from '../../application/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the request authenticated with a creditor API key. */
    apiKey: ApiKeyActor | null;
  }
}

/** Who is calling: the session's user or the API key's creditor (routes run after the auth hook). */
export function requestActor(request: FastifyRequest): Actor {
  if (request.apiKey) return request.apiKey;
  if (request.session) return request.session.actor;
  throw new AppError('unauthenticated', 'Log in first');
}

/**
 * A `sessionReadByRoute` handler's session errors as the auth hook gives them: an unknown, expired or
 * revoked session is "Log in first" (the hook drops it, then finds no session).
 */
export async function routeSession<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthenticated') throw new AppError('unauthenticated', 'Log in first');
    throw error;
  }
}

/** The deferred session resolved and checked as the auth hook does (`resolveSession`, then the route's roles). */
export async function resolveRouteSession(deps: SessionDeps, token: string, roles: readonly UserRole[]): Promise<ActiveSession> {
  return admitRole(await routeSession(() => resolveSession(deps, token)), roles);
}
