import '@mantine/core/styles.css';
import './global.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './auth/session-provider.tsx';
import { I18nProvider } from './i18n/i18n-provider.tsx';
import { AppRouter } from './routes/app-router.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <I18nProvider>
        <SessionProvider>
          <AppRouter />
        </SessionProvider>
      </I18nProvider>
    </MantineProvider>
  </StrictMode>,
);
