import { Badge, Button, FileInput, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { paymentsApi, type BankImport, type BankTransaction } from '../api/payments.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

/** Bank statements (camt.053/054): upload, what each import did, and the unmatched queue agents resolve. */
export default function BankStatementsPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('bank.title');
  const [file, setFile] = useState<File | null>(null);
  const [imports, setImports] = useState<BankImport[]>([]);
  const [queue, setQueue] = useState<BankTransaction[]>([]);
  const [result, setResult] = useState<{ import: BankImport; alreadyImported: boolean } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [caseIds, setCaseIds] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => Promise.all([paymentsApi.imports(), paymentsApi.unmatched()]).then(([i, q]) => {
    setImports(i.items);
    setQueue(q.items);
  }, setError), []);
  useEffect(() => {
    void load();
  }, [load]);

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await paymentsApi.upload(file));
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const act = (work: () => Promise<unknown>) => work().then(load, setError);

  return (
    <Stack gap="lg">
      <Title order={1}>{t('bank.title')}</Title>
      <Text>{t('bank.intro')}</Text>
      <Group align="end">
        <FileInput label={t('bank.file')} accept=".xml,application/xml,text/xml" value={file} onChange={setFile} w={360} clearable />
        <Button onClick={() => void upload()} disabled={!file} loading={busy}>{t('bank.upload')}</Button>
      </Group>
      {error !== null && <ApiErrorAlert error={error} />}
      {result && (
        <Text role="status" data-testid="bank-result">
          {result.alreadyImported ? t('bank.alreadyImported') : t('bank.imported', {
            booked: result.import.bookedCount, unmatched: result.import.unmatchedCount, reversed: result.import.reversedCount, duplicates: result.import.duplicateCount,
          })}
        </Text>
      )}
      <Title order={2}>{t('bank.queue')}</Title>
      {queue.length === 0 ? <Text c="dimmed">{t('bank.queueEmpty')}</Text> : (
        <Table striped withTableBorder data-testid="unmatched-queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('bank.date')}</Table.Th>
              <Table.Th>{t('bank.amount')}</Table.Th>
              <Table.Th>{t('bank.payer')}</Table.Th>
              <Table.Th>{t('bank.remittance')}</Table.Th>
              <Table.Th>{t('bank.suggestions')}</Table.Th>
              <Table.Th>{t('bank.resolve')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {queue.map((tx) => (
              <Table.Tr key={tx.id}>
                <Table.Td>{tx.valueDate ?? ''}</Table.Td>
                <Table.Td>{tx.direction === 'debit' ? '−' : ''}{tx.amountText} {tx.currency}{tx.returnReason && <Badge ml="xs" color="orange">{tx.returnReason}</Badge>}</Table.Td>
                <Table.Td>{tx.payerName ?? ''}</Table.Td>
                <Table.Td>{tx.remittance ?? ''}{tx.note && <Text size="xs" c="dimmed">{tx.note}</Text>}</Table.Td>
                <Table.Td>
                  {tx.suggestions.map((s) => (
                    <Button key={s.caseId} size="compact-xs" variant="light" mr={4} onClick={() => setCaseIds({ ...caseIds, [tx.id]: s.caseId })}>
                      {t('bank.suggestion', { score: s.score })}
                    </Button>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <TextInput size="xs" aria-label={t('bank.caseId')} placeholder={t('bank.caseId')} value={caseIds[tx.id] ?? ''} onChange={(e) => setCaseIds({ ...caseIds, [tx.id]: e.currentTarget.value })} w={300} />
                    <Button size="xs" disabled={!caseIds[tx.id]} onClick={() => void act(() => paymentsApi.assign(tx.id, caseIds[tx.id]!.trim()))}>{t('bank.assign')}</Button>
                    <Button size="xs" variant="subtle" onClick={() => void act(() => paymentsApi.ignore(tx.id, t('bank.ignoredNote')))}>{t('bank.ignore')}</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={2}>{t('bank.imports')}</Title>
      {imports.length === 0 ? <Text c="dimmed">{t('bank.importsEmpty')}</Text> : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('bank.importedAt')}</Table.Th>
              <Table.Th>{t('bank.file')}</Table.Th>
              <Table.Th>{t('bank.transactions')}</Table.Th>
              <Table.Th>{t('bank.booked')}</Table.Th>
              <Table.Th>{t('bank.unmatched')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imports.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{new Date(i.importedAt).toLocaleString(locale)}</Table.Td>
                <Table.Td>{i.fileName} ({i.format})</Table.Td>
                <Table.Td>{i.transactionCount}</Table.Td>
                <Table.Td>{i.bookedCount}</Table.Td>
                <Table.Td>{i.unmatchedCount}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
