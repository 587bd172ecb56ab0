import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { creditorApi, type Creditor, type Remittance, type RemittanceAlert } from '../api/creditor-api.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

/** Remittance statements per creditor and period (CSV, PDF), marking them paid over, and the R124-6 alert. */
export default function RemittancesPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('remittances.title');
  const money = (cents: number) => new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);
  const [creditors, setCreditors] = useState<Creditor[]>([]);
  const [creditorId, setCreditorId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [items, setItems] = useState<Remittance[]>([]);
  const [alerts, setAlerts] = useState<RemittanceAlert[]>([]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    creditorApi.creditors().then((r) => setCreditors(r.items), setError);
  }, []);
  const load = useCallback(() => Promise.all([
    creditorApi.remittances(creditorId).then((r) => setItems(r.items)),
    creditorApi.alerts().then((r) => setAlerts(r.items)),
  ]).catch(setError), [creditorId]);
  useEffect(() => {
    void load();
  }, [load]);

  const issue = () => {
    if (!creditorId) return;
    setError(null);
    creditorApi.createRemittance({ creditorId, periodFrom: from, periodTo: to }).then(load, setError);
  };
  const today = new Date().toISOString().slice(0, 10);

  return (
    <Stack gap="lg" maw={1200}>
      <Title order={1}>{t('remittances.title')}</Title>
      <Text>{t('remittances.intro')}</Text>
      {error !== null && <ApiErrorAlert error={error} />}
      {alerts.map((a) => (
        <Alert key={a.creditorId} color="red" title={t('remittances.alertTitle')} data-testid="remittance-alert">
          {t('remittances.alert', { creditor: a.creditorName, amount: money(a.overdueCents), since: a.oldestCollectedOn, deadline: a.deadline, days: a.daysOverdue })}
        </Alert>
      ))}
      <Group align="end">
        <Select label={t('apiKeys.creditor')} data={creditors.map((c) => ({ value: c.id, label: c.name }))} value={creditorId} onChange={setCreditorId} clearable w={240} />
        <TextInput type="date" label={t('remittances.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('remittances.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button onClick={issue} disabled={!creditorId || !from || !to}>{t('remittances.issue')}</Button>
      </Group>
      {items.length === 0 ? <Text c="dimmed">{t('remittances.empty')}</Text> : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('apiKeys.creditor')}</Table.Th><Table.Th>{t('remittances.period')}</Table.Th><Table.Th>{t('remittances.collected')}</Table.Th>
              <Table.Th>{t('remittances.direct')}</Table.Th><Table.Th>{t('remittances.commission')}</Table.Th><Table.Th>{t('remittances.payable')}</Table.Th>
              <Table.Th>{t('webhooks.status')}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.creditorName}</Table.Td>
                <Table.Td>{r.periodFrom} → {r.periodTo}</Table.Td>
                <Table.Td>{money(r.collectedCents - r.reversedCents)}</Table.Td>
                <Table.Td>{money(r.directCents)}</Table.Td>
                <Table.Td>{money(r.commissionCents)}</Table.Td>
                <Table.Td><b>{money(r.payableCents)}</b></Table.Td>
                <Table.Td>{r.status === 'paid' ? <Badge color="green">{t('remittances.paidOn', { date: r.paidOn ?? '' })}</Badge> : <Badge color="yellow">{t('remittances.issued')}</Badge>}</Table.Td>
                <Table.Td>
                  <Group gap="sm">
                    <Anchor href={`/api/v1/remittances/${r.id}/statement.pdf`}>PDF</Anchor>
                    <Anchor href={`/api/v1/remittances/${r.id}/statement.csv`}>CSV</Anchor>
                    {r.status === 'issued' && <Button size="xs" variant="light" onClick={() => creditorApi.markPaid(r.id, today).then(load, setError)}>{t('remittances.markPaid')}</Button>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
