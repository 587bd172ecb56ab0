import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { backofficeApi, formatCents, type Approval, type OpenSuspension } from '../api/backoffice.ts';
import { useCurrentUser } from '../auth/session-provider.tsx';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

/** Managers approve plans and settlements beyond the mandate; compliance resolves disputes and document requests. */
export default function DecisionsPage() {
  const t = useT();
  const { locale } = useI18n();
  const user = useCurrentUser();
  usePageTitle('decisions.title');
  const [approvals, setApprovals] = useState<Approval[]>([]);
  const [open, setOpen] = useState<OpenSuspension[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const approver = user.role === 'manager' || user.role === 'admin';
  const resolver = user.role === 'compliance' || user.role === 'admin';
  const load = useCallback(() => {
    if (approver) void backofficeApi.approvals().then((r) => setApprovals(r.items), setError);
    void backofficeApi.suspensions().then((r) => setOpen(r.items), setError);
  }, [approver]);
  useEffect(() => {
    load();
  }, [load]);
  const resolutions = (kind: string) => (kind === 'dispute' ? ['upheld', 'rejected'] : kind === 'documents-requested' ? ['provided', 'lifted'] : ['lifted']);

  return (
    <Stack gap="lg">
      <Title order={1}>{t('decisions.title')}</Title>
      {error !== null && <ApiErrorAlert error={error} />}
      {approver && (
        <Stack gap="xs">
          <Title order={2} size="h3">{t('decisions.approvals')}</Title>
          {approvals.length === 0 ? <Text c="dimmed">{t('decisions.noApprovals')}</Text> : (
            <Table striped withTableBorder aria-label={t('decisions.approvals')}>
              <Table.Tbody>
                {approvals.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td><Link to={`/cases/${a.caseId}`}>{a.debtorName}</Link><Text size="xs" c="dimmed">{a.creditorReference}</Text></Table.Td>
                    <Table.Td><Badge>{a.kind}</Badge></Table.Td>
                    <Table.Td><Text size="sm">{t('decisions.terms', { count: a.instalmentCount, total: formatCents(a.totalCents, locale), balance: formatCents(a.balanceCents, locale), last: a.lastDueOn })}</Text></Table.Td>
                    <Table.Td>{a.violations.map((v) => <Text key={v.rule} size="sm" c="orange">{v.message[locale]}</Text>)}<Text size="sm">« {a.reason} »</Text></Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Button size="xs" onClick={() => backofficeApi.decide(a.kind, a.id, true).then(load, setError)}>{t('decisions.approve')}</Button>
                        <Button size="xs" variant="light" color="red" onClick={() => backofficeApi.decide(a.kind, a.id, false).then(load, setError)}>{t('decisions.refuse')}</Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
      <Stack gap="xs">
        <Title order={2} size="h3">{t('decisions.suspensions')}</Title>
        {open.length === 0 ? <Text c="dimmed">{t('decisions.noSuspensions')}</Text> : (
          <Table striped withTableBorder aria-label={t('decisions.suspensions')}>
            <Table.Tbody>
              {open.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td><Link to={`/cases/${s.caseId}`}>{s.debtorName}</Link><Text size="xs" c="dimmed">{s.creditorReference}</Text></Table.Td>
                  <Table.Td><Badge color="orange">{s.kind}</Badge><Text size="xs">{new Date(s.fromAt).toLocaleDateString(locale)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{s.reason}</Text></Table.Td>
                  {resolver && (
                    <Table.Td>
                      <TextInput size="xs" placeholder={t('decisions.note')} aria-label={t('decisions.note')} value={notes[s.id] ?? ''} onChange={(e) => { const value = e.currentTarget.value; setNotes((n) => ({ ...n, [s.id]: value })); }} />
                      <Group gap="xs" mt={4}>
                        {resolutions(s.kind).map((r) => (
                          <Button key={r} size="xs" variant="light" disabled={!(notes[s.id] ?? '').trim()} onClick={() => backofficeApi.resolve(s.id, r, notes[s.id] ?? '').then(load, setError)}>{t(`decisions.resolution.${r as 'upheld'}`)}</Button>
                        ))}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}
