/**
 * Every route declares who may call it (`config.auth`); the app refuses to start if a route lacks
 * one, and a test checks the whole route table. Data-level scoping (a creditor sees only its own
 * cases) is applied by the use cases on top of this.
 */
import type { UserRole } from '../../application/actor.ts';

export type AuthRule =
  /** Anyone, logged in or not; the string says why the route may be public. */
  | { readonly public: string }
  /**
   * A logged-in back-office user whose role is listed, or, when `apiKeyScopes` is given, a creditor API
   * key (`Authorization: Bearer amk_…`) holding one of those scopes. API-key requests carry no cookie,
   * so no CSRF token is asked of them; the key binds the request to its own creditor.
   */
  | {
    readonly roles: readonly UserRole[];
    readonly apiKeyScopes?: readonly string[];
    /** Also admits `Authorization: Bearer <METRICS_TOKEN>` (a Prometheus scraper), when that token is configured. */
    readonly metricsToken?: true;
    /**
     * The route's handler reads the session cookie's session with its own first statement and applies the
     * same checks and `roles` itself (the worklist: `listWorklistForSession`); the auth hook leaves a GET or
     * HEAD request with a session cookie and no Authorization header to it (`request.deferredSessionToken`),
     * and checks every other request as usual. A handler that does not take it up fails closed:
     * `requestActor` finds no session.
     */
    readonly sessionReadByRoute?: true;
  }
  /**
   * The debtor portal (issue #8): a debtor logged in with their letter's access code, bound to one
   * case. Portal sessions are separate from back-office sessions (their own cookie and table); a
   * state-changing request needs the portal session's CSRF token.
   */
  | { readonly debtor: true };

export const staffRoles: readonly UserRole[] = ['admin', 'manager', 'agent', 'compliance'];
export const allRoles: readonly UserRole[] = ['admin', 'manager', 'agent', 'compliance', 'creditor'];

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthRule;
  }
}
