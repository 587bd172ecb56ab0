import { Button, Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { MessagePanel } from '../components/message-panel.tsx';
import { useT } from '../i18n/i18n-provider.tsx';
import { useSession } from './session-provider.tsx';

/** Where the login page sends the user back to after signing in. */
export interface LoginRedirectState {
  from?: string;
}

export function FullPageLoader() {
  const t = useT();
  return (
    <Center h="100dvh" role="status" aria-live="polite">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

export function UnavailablePanel({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <MessagePanel
      title="unavailable.title"
      body="unavailable.body"
      action={<Button onClick={onRetry}>{t('unavailable.retry')}</Button>}
    />
  );
}

/**
 * Renders its children for a signed-in user only; anyone else goes to the login page, which brings
 * them back here afterwards. Role checks per page are in RoleGate: the server enforces both anyway.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return <FullPageLoader />;
    case 'failed':
      return (
        <main>
          <UnavailablePanel onRetry={() => void refresh()} />
        </main>
      );
    case 'anonymous': {
      const from = `${location.pathname}${location.search}${location.hash}`;
      return <Navigate to="/login" replace state={{ from } satisfies LoginRedirectState} />;
    }
    case 'authenticated':
      return children;
  }
}
