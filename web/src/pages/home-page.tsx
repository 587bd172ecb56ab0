import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useCurrentUser } from '../auth/session-provider.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useT } from '../i18n/i18n-provider.tsx';

export default function HomePage() {
  const t = useT();
  const user = useCurrentUser();
  usePageTitle('home.title');

  return (
    <Stack gap="lg" maw={880}>
      <Title order={1}>{t('home.greeting', { name: user.displayName })}</Title>
      <Paper withBorder p="lg" radius="md">
        <Stack gap="xs">
          <Text fw={600}>{t('home.intro')}</Text>
          <Text>{t(`home.role.${user.role}`)}</Text>
        </Stack>
      </Paper>
      <Alert variant="light" color="gray">
        {t('home.comingSoon')}
      </Alert>
    </Stack>
  );
}
