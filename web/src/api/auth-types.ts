/** Shapes of the authentication API (issue #2, item 6). No imports: the e2e tests use them too. */

export const ROLES = ['admin', 'manager', 'agent', 'compliance', 'creditor'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** Set for `creditor` users only: the creditor whose cases they may read. */
  creditorId: string | null;
  locale: 'fr' | 'en';
}

/** Body of GET /api/v1/auth/session and POST /api/v1/auth/login. */
export interface Session {
  user: SessionUser;
  csrfToken: string;
}
