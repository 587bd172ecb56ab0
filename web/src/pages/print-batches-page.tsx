import { Alert, Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { lettersApi, type PrintBatch } from '../api/letters.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

/** The daily print batch: produce it, download the PDF and the CSV manifest, mark it posted. */
export default function PrintBatchesPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('batches.title');
  const [items, setItems] = useState<PrintBatch[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => lettersApi.batches().then((r) => setItems(r.items), setError), []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = () => {
    setError(null);
    lettersApi.createBatch().then((r) => {
      const parts = [r.batch ? '' : t('batches.nothingDue'), r.refused.length ? t('batches.refused', { count: String(r.refused.length) }) : ''].filter(Boolean);
      setNotice(parts.length ? parts.join(' ') : null);
      return load();
    }, setError);
  };

  return (
    <Stack gap="lg" maw={1000}>
      <Group justify="space-between">
        <Title order={1}>{t('batches.title')}</Title>
        <Button onClick={create}>{t('batches.create')}</Button>
      </Group>
      <Text>{t('batches.intro')}</Text>
      {notice && <Alert color="yellow">{notice}</Alert>}
      {error !== null && <ApiErrorAlert error={error} />}
      {items.length === 0 ? <Text c="dimmed">{t('batches.empty')}</Text> : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('batches.date')}</Table.Th>
              <Table.Th>{t('batches.letters')}</Table.Th>
              <Table.Th>{t('batches.pages')}</Table.Th>
              <Table.Th>{t('batches.status')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{b.batchDate}</Table.Td>
                <Table.Td>{b.letterCount}</Table.Td>
                <Table.Td>{b.pageCount}</Table.Td>
                <Table.Td>
                  {b.status === 'posted' && b.postedAt
                    ? <Badge color="green">{t('batches.posted', { date: new Date(b.postedAt).toLocaleDateString(locale) })}</Badge>
                    : <Badge color="gray">{b.status}</Badge>}
                </Table.Td>
                <Table.Td>
                  <Group gap="sm">
                    <Anchor href={`/api/v1/letters/batches/${b.id}/pdf`}>{t('batches.pdf')}</Anchor>
                    <Anchor href={`/api/v1/letters/batches/${b.id}/manifest.csv`}>{t('batches.manifest')}</Anchor>
                    {b.status === 'ready' && <Button size="xs" variant="light" onClick={() => lettersApi.markPosted(b.id).then(load, setError)}>{t('batches.markPosted')}</Button>}
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
