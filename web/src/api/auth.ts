import { api, setCsrfToken } from './client.ts';
import { isApiError } from './problem.ts';
import type { Session } from './auth-types.ts';

export type { Role, Session, SessionUser } from './auth-types.ts';

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
