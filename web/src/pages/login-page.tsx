import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/problem.ts';
import type { LoginRedirectState } from '../auth/require-auth.tsx';
import { useSession } from '../auth/session-provider.tsx';
import { BrandName } from '../components/brand-mark.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { errorMessageKey, formatWait } from '../i18n/messages.ts';
import { preloadBackOffice } from '../routes/route-table.ts';
import classes from './login-page.module.css';

interface FieldErrors {
  email?: string;
  password?: string;
}

/** Only same-app paths: a crafted `from` must not turn the login page into an open redirect. */
function safeReturnPath(state: unknown): string {
  const from = (state as LoginRedirectState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export default function LoginPage() {
  const { locale, t } = useI18n();
  const { state, login } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  usePageTitle('login.title');

  const returnPath = safeReturnPath(location.state);
  if (state.status === 'authenticated' && !submitting) return <Navigate to={returnPath} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Checked here rather than with the browser's bubbles, whose text follows the browser's language.
    const missing: FieldErrors = {};
    if (!email.trim()) missing.email = t('login.emailRequired');
    if (!password) missing.password = t('login.passwordRequired');
    setFieldErrors(missing);
    if (missing.email || missing.password) return;

    setSubmitting(true);
    setError(null);
    preloadBackOffice();
    try {
      await login(email.trim(), password);
      void navigate(returnPath, { replace: true });
    } catch (caught) {
      setError(describeLoginError(caught));
      setSubmitting(false);
    }
  }

  function describeLoginError(caught: unknown): string {
    if (!isApiError(caught)) return t('errors.generic');
    const wait = caught.retryAfterSeconds;
    if (wait !== undefined && caught.code === 'account_locked') return t('login.locked', { wait: formatWait(locale, wait) });
    if (wait !== undefined && caught.code === 'rate_limited') return t('login.rateLimited', { wait: formatWait(locale, wait) });
    return t(errorMessageKey(caught.code));
  }

  return (
    <div className={classes.page}>
      <Group component="header" justify="space-between" p="md" className={classes.header}>
        <BrandName />
        <LanguageSwitch />
      </Group>
      <Center component="main" className={classes.main} px="md">
        <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg" className={classes.card}>
          <Stack gap="lg">
            <Box>
              <Text c="dimmed" size="sm" mb={4}>
                {t('app.tagline')}
              </Text>
              <Title order={1} size="h3">
                {t('login.heading')}
              </Title>
              {/* Always in the DOM so screen readers announce the message as soon as it appears. */}
              <div aria-live="assertive" aria-atomic="true">
                {error && (
                  <Alert color="red" variant="light" role="alert" mt="md">
                    {error}
                  </Alert>
                )}
              </div>
            </Box>
            <form onSubmit={(event) => void onSubmit(event)} noValidate>
              <Stack gap="md">
                <TextInput
                  label={t('login.email')}
                  type="email"
                  name="email"
                  autoComplete="username"
                  inputMode="email"
                  spellCheck={false}
                  required
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  error={fieldErrors.email}
                />
                <PasswordInput
                  label={t('login.password')}
                  name="password"
                  autoComplete="current-password"
                  visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                  required
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={fieldErrors.password}
                />
                <Button type="submit" fullWidth size="md" loading={submitting} mt="xs">
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      </Center>
      <Text component="footer" size="sm" c="dimmed" ta="center" p="md">
        {t('login.footer')}
      </Text>
    </div>
  );
}

