import { Alert, Anchor, Button, FileInput, Group, Paper, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { api, uploadFile } from '../api/client.ts';
import { ApiError } from '../api/problem.ts';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';
import { errorMessageKey } from '../i18n/messages.ts';

interface Creditor {
  id: string;
  name: string;
}

interface ImportCounts {
  rowsSeen: number;
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  prescribed: number;
  flagged: number;
}

interface ImportState {
  id: string;
  status: 'running' | 'completed' | 'failed';
  fileName: string;
  counts: ImportCounts;
  failure: { code: string; message: { fr: string; en: string } } | null;
}

interface Report {
  rejects: { line: number; creditorReference: string | null; errors: { column: string; fr: string; en: string }[] }[];
  rejectsTotal: number;
}

const countKeys = ['created', 'updated', 'unchanged', 'refused', 'prescribed', 'flagged'] as const;

/** The import of a creditor's portfolio file: upload, progress, counts, report and rejects downloads. */
export default function ImportsPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('imports.title');
  const [creditors, setCreditors] = useState<Creditor[]>([]);
  const [creditorId, setCreditorId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [current, setCurrent] = useState<ImportState | null>(null);
  const [alreadyDone, setAlreadyDone] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    api.get<{ items: Creditor[] }>('/api/v1/creditors')
      .then((list) => setCreditors(list.items))
      .catch((cause: unknown) => setError(t(errorMessageKey(cause instanceof ApiError ? cause.code : 'generic'))));
  }, [t]);

  // Poll a running import; fetch its report once it has finished.
  useEffect(() => {
    if (!current) return undefined;
    if (current.status !== 'running') {
      api.get<Report>(`/api/v1/imports/${current.id}/report?limit=20`).then(setReport).catch(() => setReport(null));
      return undefined;
    }
    const timer = setTimeout(() => {
      api.get<ImportState>(`/api/v1/imports/${current.id}`).then(setCurrent)
        .catch((cause: unknown) => setError(t(errorMessageKey(cause instanceof ApiError ? cause.code : 'generic'))));
    }, 700);
    return () => clearTimeout(timer);
  }, [current, t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!creditorId || !file) return;
    setError(null);
    setReport(null);
    setSending(true);
    try {
      const jsonLines = /\.(jsonl|ndjson)$/i.test(file.name);
      const query = new URLSearchParams({ creditorId, fileName: file.name });
      // The same file for the same creditor is the same import: resumed if unfinished, not repeated.
      const key = `web:${file.name}:${file.size}:${file.lastModified}`;
      const started = await uploadFile<ImportState>(`/api/v1/imports?${query.toString()}`, file,
        jsonLines ? 'application/x-ndjson' : 'text/csv', { 'idempotency-key': key });
      setAlreadyDone(started.status !== 'running');
      setCurrent(started);
    } catch (cause) {
      setError(t(errorMessageKey(cause instanceof ApiError ? cause.code : 'generic')));
    } finally {
      setSending(false);
    }
  }

  return (
    <Stack gap="lg" maw={960}>
      <Title order={1}>{t('imports.title')}</Title>
      <Text>{t('imports.intro')}</Text>
      <Paper withBorder p="lg" radius="md" component="form" onSubmit={(event: FormEvent) => void submit(event)}>
        <Stack gap="md">
          <Select
            label={t('imports.creditor')} placeholder={t('imports.creditorPlaceholder')} required searchable
            data={creditors.map((c) => ({ value: c.id, label: c.name }))} value={creditorId} onChange={setCreditorId}
          />
          <FileInput
            label={t('imports.file')} placeholder={t('imports.filePlaceholder')} required clearable
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson" value={file} onChange={setFile}
          />
          <Group>
            <Button type="submit" loading={sending} disabled={!creditorId || !file}>{t('imports.submit')}</Button>
          </Group>
        </Stack>
      </Paper>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {current && (
        <Paper withBorder p="lg" radius="md" aria-live="polite">
          <Stack gap="sm">
            <Title order={2} size="h3">{t(`imports.status.${current.status}`)} — {current.fileName}</Title>
            {alreadyDone && <Text c="dimmed">{t('imports.alreadyDone')}</Text>}
            {current.status === 'running' && <Progress value={100} animated aria-label={t('imports.status.running')} />}
            {current.failure && <Alert color="red">{current.failure.message[locale]}</Alert>}
            <Text>{t('imports.rowsSeen', { count: current.counts.rowsSeen.toLocaleString(locale) })}</Text>
            <SimpleGrid cols={{ base: 2, sm: 3 }}>
              {countKeys.map((key) => (
                <div key={key}>
                  <Text size="sm" c="dimmed">{t(`imports.count.${key}`)}</Text>
                  <Text fw={700} data-count={key}>{current.counts[key].toLocaleString(locale)}</Text>
                </div>
              ))}
            </SimpleGrid>
            {current.status !== 'running' && (
              <Group>
                <Anchor href={`/api/v1/imports/${current.id}/report?limit=10000`} download={`${current.fileName}.report.json`}>{t('imports.downloadReport')}</Anchor>
                {current.counts.refused > 0 && <Anchor href={`/api/v1/imports/${current.id}/rejects`}>{t('imports.downloadRejects')}</Anchor>}
              </Group>
            )}
            {report && report.rejects.length > 0 && (
              <>
                <Title order={3} size="h4">{t('imports.rejectsTitle')}</Title>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr><Table.Th>{t('imports.line')}</Table.Th><Table.Th>{t('imports.reasons')}</Table.Th></Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.rejects.map((reject) => (
                      <Table.Tr key={reject.line}>
                        <Table.Td>{reject.line}</Table.Td>
                        <Table.Td>{reject.errors.map((e) => `${e.column ? `${e.column} : ` : ''}${e[locale]}`).join(' ; ')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
