import { Type } from 'typebox';
import { logIn, type LogInDeps } from '../../../application/auth/log-in.ts';
import { logOut } from '../../../application/auth/session.ts';
import { AppError } from '../../../application/errors.ts';
import { allRoles } from '../auth-rule.ts';
import { problemResponse, problemResponses } from '../problem.ts';
import type { AppInstanceBase } from './route-types.ts';

const cookieName = 'amiable_session';

const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.Union([Type.Literal('admin'), Type.Literal('manager'), Type.Literal('agent'), Type.Literal('compliance'), Type.Literal('creditor')]),
  creditorId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  locale: Type.Union([Type.Literal('fr'), Type.Literal('en')]),
});

const SessionSchema = Type.Object({
  user: UserSchema,
  csrfToken: Type.String({ description: 'Send it as the x-csrf-token header on every state-changing request.' }),
});

/** Per IP: enough for a person who mistypes, far too few for guessing (the account lockout adds per-user protection). */
const loginRateLimit = { max: 10, timeWindow: '1 minute' };

export function registerAuthRoutes(app: AppInstanceBase, deps: LogInDeps, options: { secureCookies: boolean }): void {
  app.post('/api/v1/auth/login', {
    config: { auth: { public: 'logging in' }, rateLimit: loginRateLimit },
    schema: {
      tags: ['auth'],
      summary: 'Log in to the back office',
      description: 'Sets an httpOnly session cookie. Any mismatch gives the same `invalid_credentials` problem; five failures lock the account for 15 minutes (`account_locked`).',
      body: Type.Object({
        email: Type.String({ minLength: 3, maxLength: 254 }),
        password: Type.String({ minLength: 1, maxLength: 1024 }),
      }, { additionalProperties: false }),
      response: { 200: SessionSchema, ...problemResponses, 423: problemResponse('Account temporarily locked (`account_locked`)') },
    },
  }, async (request, reply) => {
    const result = await logIn(deps, {
      email: request.body.email, password: request.body.password, ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    void reply.setCookie(cookieName, result.sessionToken, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: options.secureCookies, expires: result.expiresAt,
    });
    return { user: result.user, csrfToken: result.csrfToken };
  });

  app.get('/api/v1/auth/session', {
    config: { auth: { roles: allRoles } },
    schema: { tags: ['auth'], summary: 'The current session', security: [{ session: [] }], response: { 200: SessionSchema, ...problemResponses } },
  }, async (request) => {
    const session = request.session!;
    return { user: session.user, csrfToken: session.csrfToken };
  });

  app.post('/api/v1/auth/logout', {
    config: { auth: { roles: allRoles } },
    schema: { tags: ['auth'], summary: 'Log out', security: [{ session: [], csrf: [] }], response: { 204: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    const session = request.session;
    if (!session) throw new AppError('unauthenticated', 'Not logged in');
    await logOut(deps, session);
    void reply.clearCookie(cookieName, { path: '/' });
    return reply.status(204).send(null);
  });
}
