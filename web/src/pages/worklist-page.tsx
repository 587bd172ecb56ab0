import { Badge, Button, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { backofficeApi, formatCents, type WorklistItem } from '../api/backoffice.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

const clock = (iso: string) => iso.slice(11, 16);

/** The agent's worklist: only the cases the engine allows calling now, best first, each saying why. */
export default function WorklistPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('worklist.title');
  const [items, setItems] = useState<WorklistItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [at, setAt] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback((after?: string) => backofficeApi.worklist(after).then((page) => {
    setItems((previous) => (after ? [...previous, ...page.items] : page.items));
    setCursor(page.nextCursor);
    setAt(page.at);
    setLoaded(true);
  }, setError), []);
  useEffect(() => {
    void load();
  }, [load]);
  const agentTime = at ? new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }) : '';

  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <Title order={1}>{t('worklist.title')}</Title>
        <Button variant="light" onClick={() => void load()}>{t('worklist.reload')}</Button>
      </Group>
      <Text>{t('worklist.intro')}</Text>
      {error !== null && <ApiErrorAlert error={error} />}
      {loaded && items.length === 0 && <Text c="dimmed">{t('worklist.empty')}</Text>}
      {items.length > 0 && (
        <Table striped withTableBorder highlightOnHover aria-label={t('worklist.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('worklist.debtor')}</Table.Th>
              <Table.Th>{t('worklist.balance')}</Table.Th>
              <Table.Th>{t('worklist.why')}</Table.Th>
              <Table.Th>{t('worklist.window')}</Table.Th>
              <Table.Th>{t('worklist.localTime')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.caseId} data-case-id={item.caseId}>
                <Table.Td>
                  <Link to={`/cases/${item.caseId}`}>{item.debtorName}</Link>
                  <Text size="xs" c="dimmed">{item.creditorReference} · {item.creditorName}{item.assignedToMe ? ` · ${t('worklist.mine')}` : ''}</Text>
                </Table.Td>
                <Table.Td>{formatCents(item.balanceCents, locale)}</Table.Td>
                <Table.Td>
                  <Tooltip label={t('worklist.score', { score: item.priority })}>
                    <Group gap={4}>
                      {item.reasons.map((r) => <Badge key={r.code} variant="light" size="sm">{r.message[locale]} (+{r.points})</Badge>)}
                    </Group>
                  </Tooltip>
                </Table.Td>
                <Table.Td>{item.window.message[locale]}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t('worklist.debtorTime', { time: clock(item.debtorLocalTime), zone: item.debtorTimeZone })}</Text>
                  <Text size="xs" c="dimmed">{t('worklist.agentTime', { time: agentTime })}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {cursor && <Button variant="subtle" onClick={() => void load(cursor)}>{t('worklist.more')}</Button>}
    </Stack>
  );
}
