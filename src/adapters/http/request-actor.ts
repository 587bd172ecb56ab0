import type { FastifyRequest } from 'fastify';
import type { Actor, ApiKeyActor } from '../../application/actor.ts';
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
