import { Alert, Badge, Button, Code, Group, MultiSelect, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { creditorApi, type Creditor, type Delivery, type Subscription } from '../api/creditor-api.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

const statusColor = { pending: 'yellow', succeeded: 'green', failed: 'red' } as const;

/** Webhook subscriptions of creditors (secret shown once) and the delivery log with replay. */
export default function WebhooksPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('webhooks.title');
  const [creditors, setCreditors] = useState<Creditor[]>([]);
  const [creditorId, setCreditorId] = useState<string | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>(['case.status_changed', 'case.closed', 'payment.received']);
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [subscriptions, setSubscriptions] = useState<Subscription[]>([]);
  const [deliveries, setDeliveries] = useState<Delivery[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    creditorApi.creditors().then((r) => setCreditors(r.items), setError);
    creditorApi.eventTypes().then((r) => setTypes(r.items), setError);
  }, []);
  const load = useCallback(() => Promise.all([
    creditorApi.subscriptions(creditorId).then((r) => setSubscriptions(r.items)),
    creditorApi.deliveries(creditorId, status).then((r) => setDeliveries(r.items)),
  ]).catch(setError), [creditorId, status]);
  useEffect(() => {
    void load();
  }, [load]);

  const subscribe = () => {
    if (!creditorId) return;
    setError(null);
    creditorApi.subscribe({ creditorId, url, eventTypes: chosen }).then((r) => {
      setSecret(r.secret);
      setUrl('');
      return load();
    }, setError);
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between">
        <Title order={1}>{t('webhooks.title')}</Title>
        <Button variant="light" onClick={() => creditorApi.dispatch().then(load, setError)}>{t('webhooks.dispatch')}</Button>
      </Group>
      <Text>{t('webhooks.intro')}</Text>
      {error !== null && <ApiErrorAlert error={error} />}
      {secret && (
        <Alert color="yellow" title={t('webhooks.secretOnce')} data-testid="webhook-secret">
          <Code block>{secret}</Code>
          <Button mt="sm" size="xs" variant="light" onClick={() => setSecret(null)}>{t('apiKeys.stored')}</Button>
        </Alert>
      )}
      <Group align="end">
        <Select label={t('apiKeys.creditor')} data={creditors.map((c) => ({ value: c.id, label: c.name }))} value={creditorId} onChange={setCreditorId} clearable w={240} />
        <TextInput label={t('webhooks.url')} placeholder="https://…" value={url} onChange={(e) => setUrl(e.currentTarget.value)} w={320} />
        <MultiSelect label={t('webhooks.events')} data={types} value={chosen} onChange={setChosen} w={360} />
        <Button onClick={subscribe} disabled={!creditorId || !url || chosen.length === 0}>{t('webhooks.subscribe')}</Button>
      </Group>
      <Title order={2} size="h3">{t('webhooks.subscriptions')}</Title>
      {subscriptions.length === 0 ? <Text c="dimmed">{t('webhooks.noSubscription')}</Text> : (
        <Table striped withTableBorder>
          <Table.Tbody>
            {subscriptions.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.url}</Table.Td>
                <Table.Td>{s.eventTypes.join(', ')}</Table.Td>
                <Table.Td><Code>…{s.secretHint}</Code></Table.Td>
                <Table.Td>
                  {s.active
                    ? <Button size="xs" color="red" variant="light" onClick={() => creditorApi.disable(s.id).then(load, setError)}>{t('webhooks.disable')}</Button>
                    : <Badge color="gray">{t('webhooks.disabled')}</Badge>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group justify="space-between">
        <Title order={2} size="h3">{t('webhooks.deliveries')}</Title>
        <Select data={['pending', 'succeeded', 'failed']} value={status} onChange={setStatus} clearable placeholder={t('webhooks.status')} w={180} />
      </Group>
      {deliveries.length === 0 ? <Text c="dimmed">{t('webhooks.noDelivery')}</Text> : (
        <Table striped withTableBorder data-testid="deliveries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('webhooks.event')}</Table.Th><Table.Th>{t('webhooks.status')}</Table.Th><Table.Th>{t('webhooks.attempts')}</Table.Th>
              <Table.Th>{t('webhooks.response')}</Table.Th><Table.Th>{t('webhooks.lastAttempt')}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td><Code>{d.eventType}</Code> <Text span size="xs" c="dimmed">{d.messageId}</Text></Table.Td>
                <Table.Td><Badge color={statusColor[d.status]}>{d.status}</Badge></Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td>{d.lastResponseStatus ?? d.lastError ?? '—'}</Table.Td>
                <Table.Td>{d.lastAttemptAt ? new Date(d.lastAttemptAt).toLocaleString(locale) : '—'}</Table.Td>
                <Table.Td><Button size="xs" variant="light" onClick={() => creditorApi.replay(d.id).then(load, setError)}>{t('webhooks.replay')}</Button></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
