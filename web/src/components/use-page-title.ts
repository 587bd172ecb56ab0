import { useEffect } from 'react';
import { useT } from '../i18n/i18n-provider.tsx';
import type { PlainMessageKey } from '../i18n/messages.ts';

/** Sets the tab title ("Accueil · Amiable"): it is what screen readers announce after navigation. */
export function usePageTitle(key: PlainMessageKey): void {
  const t = useT();
  const title = t('app.pageTitle', { page: t(key) });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
