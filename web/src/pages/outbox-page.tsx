import { Badge, Button, Code, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { lettersApi, type OutboxMessage } from '../api/letters.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useCurrentUser } from '../auth/session-provider.tsx';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

const statusColor = { pending: 'gray', sending: 'blue', sent: 'green', refused: 'orange', failed: 'red', cancelled: 'gray' } as const;

/** The outbox: every message with its status and the engine's reasons; the catcher's text on demand. */
export default function OutboxPage() {
  const t = useT();
  const { locale } = useI18n();
  const user = useCurrentUser();
  usePageTitle('outbox.title');
  const [items, setItems] = useState<OutboxMessage[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<Awaited<ReturnType<typeof lettersApi.message>> | null>(null);
  const load = useCallback(() => lettersApi.outbox().then((r) => setItems(r.items), setError), []);
  useEffect(() => {
    void load();
  }, [load]);
  const canDispatch = user.role === 'admin' || user.role === 'manager';

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1}>{t('outbox.title')}</Title>
        {canDispatch && <Button onClick={() => lettersApi.dispatch().then(load, setError)}>{t('outbox.sendNow')}</Button>}
      </Group>
      <Text>{t('outbox.intro')}</Text>
      {error !== null && <ApiErrorAlert error={error} />}
      {items.length === 0 ? <Text c="dimmed">{t('outbox.empty')}</Text> : (
        <Table striped withTableBorder highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('outbox.created')}</Table.Th>
              <Table.Th>{t('outbox.status')}</Table.Th>
              <Table.Th>{t('templates.channel')}</Table.Th>
              <Table.Th>{t('outbox.template')}</Table.Th>
              <Table.Th>{t('outbox.recipient')}</Table.Th>
              <Table.Th>{t('outbox.reasons')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((m) => (
              <Table.Tr key={m.id} onClick={() => lettersApi.message(m.id).then(setShown, setError)} style={{ cursor: 'pointer' }}>
                <Table.Td>{new Date(m.createdAt).toLocaleString(locale)}</Table.Td>
                <Table.Td><Badge color={statusColor[m.status]}>{m.status}</Badge></Table.Td>
                <Table.Td>{m.channel}</Table.Td>
                <Table.Td><Code>{m.template}</Code></Table.Td>
                <Table.Td>{m.recipient}</Table.Td>
                <Table.Td>{m.status === 'refused' && m.decision ? m.decision.reasons.map((r) => r.message[locale]).join(' · ') : m.lastError ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={shown !== null} onClose={() => setShown(null)} title={shown?.message.template ?? ''} size="lg" closeButtonProps={{ 'aria-label': t('outbox.close') }}>
        {shown && (
          <Stack>
            {shown.message.verificationCode && <Text>{t('outbox.verificationCode')} : <Code>{shown.message.verificationCode}</Code></Text>}
            {shown.caught
              ? (<>{shown.caught.subject && <Text fw={600}>{shown.caught.subject}</Text>}<Code block style={{ whiteSpace: 'pre-wrap' }}>{shown.caught.text}</Code></>)
              : <Text c="dimmed">{t('outbox.notCaught')}</Text>}
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
