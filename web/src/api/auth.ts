import { api, setCsrfToken } from './client.ts';
import { isApiError } from './problem.ts';

/** Back-office roles, as the server sends them (issue #2, item 6). */
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

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

const BASE = '/api/v1/auth';

function remember(session: Session): Session {
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session, or null when nobody is signed in (401 `unauthenticated`). */
export async function fetchSession(): Promise<Session | null> {
  try {
    return remember(await api.get<Session>(`${BASE}/session`));
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(email: string, password: string): Promise<Session> {
  return remember(await api.post<Session>(`${BASE}/login`, { email, password }));
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>(`${BASE}/logout`);
  } finally {
    setCsrfToken(null);
  }
}
