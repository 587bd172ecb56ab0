import { Badge, Button, Checkbox, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { useCurrentUser } from '../auth/session-provider.tsx';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';
import type { MessageKey } from '../i18n/messages.ts';

/** A debtor's GDPR request or complaint with its Art. 12(3) deadline (issue #8). */
interface RightsRequest {
  id: string;
  creditorReference?: string;
  kind: string;
  status: string;
  receivedOn: string;
  dueOn: string;
  extendedDueOn: string | null;
  details: { text?: string; field?: string; correction?: string };
  deadline: 'on-time' | 'due-soon' | 'overdue' | 'closed';
}

const deadlineColor = { 'on-time': 'green', 'due-soon': 'orange', overdue: 'red', closed: 'gray' } as const;

/** The compliance page of the debtors' rights requests: open ones by deadline; answer, refuse or extend. */
export default function RightsRequestsPage() {
  const t = useT();
  const { locale } = useI18n();
  const user = useCurrentUser();
  usePageTitle('rightsRequests.title');
  const [items, setItems] = useState<RightsRequest[]>([]);
  const [showClosed, setShowClosed] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    () => api.get<{ items: RightsRequest[] }>(`/api/v1/compliance/rights-requests?open=${String(!showClosed)}`).then((r) => setItems(r.items), setError),
    [showClosed],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const canDecide = user.role !== 'creditor';
  const decide = (id: string, action: 'answer' | 'refuse' | 'extend') =>
    api.post(`/api/v1/compliance/rights-requests/${id}/decision`, { action, text: answers[id] ?? '' }).then(load, setError);
  const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(locale);

  return (
    <Stack gap="lg">
      <Title order={1}>{t('rightsRequests.title')}</Title>
      <Text>{t('rightsRequests.intro')}</Text>
      <Checkbox label={t('rightsRequests.showClosed')} checked={showClosed} onChange={(e) => setShowClosed(e.currentTarget.checked)} />
      {error !== null && <ApiErrorAlert error={error} />}
      {items.length === 0 ? <Text c="dimmed">{t('rightsRequests.empty')}</Text> : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rightsRequests.case')}</Table.Th>
              <Table.Th>{t('rightsRequests.kind')}</Table.Th>
              <Table.Th>{t('rightsRequests.received')}</Table.Th>
              <Table.Th>{t('rightsRequests.due')}</Table.Th>
              <Table.Th>{t('rightsRequests.state')}</Table.Th>
              <Table.Th>{t('rightsRequests.details')}</Table.Th>
              {canDecide && <Table.Th>{t('rightsRequests.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.creditorReference ?? '—'}</Table.Td>
                <Table.Td>{t(`portal.request.${r.kind}` as MessageKey as 'portal.request.access')}</Table.Td>
                <Table.Td>{day(r.receivedOn)}</Table.Td>
                <Table.Td>{day(r.extendedDueOn ?? r.dueOn)}</Table.Td>
                <Table.Td><Badge color={deadlineColor[r.deadline]}>{t(`rightsRequests.deadline.${r.deadline}`)}</Badge></Table.Td>
                <Table.Td>{[r.details.field, r.details.correction, r.details.text].filter(Boolean).join(' — ')}</Table.Td>
                {canDecide && (
                  <Table.Td>
                    {r.deadline !== 'closed' && (
                      <Stack gap="xs">
                        <Textarea aria-label={t('rightsRequests.text')} placeholder={t('rightsRequests.text')} value={answers[r.id] ?? ''} onChange={(e) => {
                          const value = e.currentTarget.value;
                          setAnswers((all) => ({ ...all, [r.id]: value }));
                        }} />
                        <Group gap="xs">
                          <Button size="xs" disabled={!answers[r.id]} onClick={() => void decide(r.id, 'answer')}>{t('rightsRequests.answer')}</Button>
                          <Button size="xs" variant="default" disabled={!answers[r.id]} onClick={() => void decide(r.id, 'refuse')}>{t('rightsRequests.refuse')}</Button>
                          {r.status === 'open' && <Button size="xs" variant="light" disabled={!answers[r.id]} onClick={() => void decide(r.id, 'extend')}>{t('rightsRequests.extend')}</Button>}
                        </Group>
                      </Stack>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
