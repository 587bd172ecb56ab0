import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as authApi from '../api/auth.ts';
import type { SessionUser } from '../api/auth.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; user: SessionUser }
  /** The session probe failed for another reason than 401 (server down): the app shows it, not a login loop. */
  | { status: 'failed'; error: unknown };

export interface SessionContextValue {
  state: SessionState;
  login: (email: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { suggestLocale } = useI18n();

  const signedIn = useCallback(
    (user: SessionUser) => {
      suggestLocale(user.locale);
      setState({ status: 'authenticated', user });
      return user;
    },
    [suggestLocale],
  );

  const apply = useCallback(
    (session: authApi.Session | null) => {
      if (session) signedIn(session.user);
      else setState({ status: 'anonymous' });
    },
    [signedIn],
  );

  const refresh = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      apply(await authApi.fetchSession());
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, [apply]);

  useEffect(() => {
    // Ask the server once at start-up whether the cookie still holds a session.
    let current = true;
    authApi.fetchSession().then(
      (session) => current && apply(session),
      (error: unknown) => current && setState({ status: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [apply]);

  const login = useCallback(
    async (email: string, password: string) => signedIn((await authApi.login(email, password)).user),
    [signedIn],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      // Even if the call failed, forget the user locally: the next API call will ask the server anyway.
      setState({ status: 'anonymous' });
    }
  }, []);

  const value = useMemo(() => ({ state, login, logout, refresh }), [state, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useCurrentUser() used outside an authenticated route');
  return state.user;
}
