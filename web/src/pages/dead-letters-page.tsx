import { Alert, Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { jobsApi, type DeadLetter } from '../api/jobs.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

/** Background jobs that failed after all their retries: what failed, why, and a button to run it again. */
export default function DeadLettersPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('deadLetters.title');
  const [items, setItems] = useState<DeadLetter[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => jobsApi.deadLetters().then((r) => setItems(r.items), setError), []);
  useEffect(() => {
    void load();
  }, [load]);

  const retry = (job: DeadLetter) => {
    setError(null);
    jobsApi.retry(job.id).then(() => {
      setNotice(t('deadLetters.requeued', { name: job.name }));
      return load();
    }, setError);
  };

  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between">
        <Title order={1}>{t('deadLetters.title')}</Title>
        <Button variant="light" onClick={() => void load()}>{t('deadLetters.refresh')}</Button>
      </Group>
      <Text>{t('deadLetters.intro')}</Text>
      {notice && <Alert color="green">{notice}</Alert>}
      {error !== null && <ApiErrorAlert error={error} />}
      {items !== null && items.length === 0 && <Text c="dimmed" data-testid="dead-letters-empty">{t('deadLetters.empty')}</Text>}
      {items !== null && items.length > 0 && (
        <Table striped withTableBorder data-testid="dead-letters">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deadLetters.job')}</Table.Th>
              <Table.Th>{t('deadLetters.failedOn')}</Table.Th>
              <Table.Th>{t('deadLetters.attempts')}</Table.Th>
              <Table.Th>{t('deadLetters.error')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td><Code>{job.name}</Code></Table.Td>
                <Table.Td>{job.failedOn ? new Date(job.failedOn).toLocaleString(locale) : '—'}</Table.Td>
                <Table.Td>{job.attempts}</Table.Td>
                <Table.Td><Text size="sm" style={{ wordBreak: 'break-word' }}>{job.error}</Text></Table.Td>
                <Table.Td>
                  <Button size="xs" onClick={() => retry(job)}>{t('deadLetters.retry')}</Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
