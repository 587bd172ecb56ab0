import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/i18n-provider.tsx';
import type { PlainMessageKey } from '../i18n/messages.ts';
import { usePageTitle } from './use-page-title.ts';

interface MessagePanelProps {
  title: PlainMessageKey;
  body: PlainMessageKey;
  action: ReactNode;
}

/** A centred title + explanation + one action: not found, not allowed, server unavailable. */
export function MessagePanel({ title, body, action }: MessagePanelProps) {
  const t = useT();
  usePageTitle(title);
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl" radius="md">
      <Stack gap="md" align="flex-start">
        <Title order={1} size="h2">
          {t(title)}
        </Title>
        <Text>{t(body)}</Text>
        {action}
      </Stack>
    </Paper>
  );
}

/** The same panel with a link back to the home page. */
export function BackHomePanel({ back, ...props }: Omit<MessagePanelProps, 'action'> & { back: PlainMessageKey }) {
  const t = useT();
  return (
    <MessagePanel
      {...props}
      action={
        <Button component={Link} to="/" variant="light">
          {t(back)}
        </Button>
      }
    />
  );
}
