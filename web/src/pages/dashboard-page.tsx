import { Card, Group, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { backofficeApi, formatCents, type Kpis, type Rate } from '../api/backoffice.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

const percent = (rate: Rate) => (rate.value === null ? '—' : `${(rate.value * 100).toFixed(1)} %`);

function RateCard({ label, rate }: { label: string; rate: Rate }) {
  return (
    <Card withBorder>
      <Text size="sm" c="dimmed">{label}</Text>
      <Text size="xl" fw={700}>{percent(rate)}</Text>
      <Progress value={rate.value === null ? 0 : Math.min(100, rate.value * 100)} aria-label={label} />
      <Text size="xs" c="dimmed">{rate.numerator} / {rate.denominator}</Text>
    </Card>
  );
}

/** The manager dashboard: KPIs from the event history (docs/kpis.md), by creditor, team and period. */
export default function DashboardPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('dashboard.title');
  const [kpis, setKpis] = useState<Kpis | null>(null);
  const [creditors, setCreditors] = useState<{ id: string; name: string }[]>([]);
  const [creditorId, setCreditorId] = useState<string | null>(null);
  const [teams, setTeams] = useState<{ id: string; name: string }[]>([]);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    void backofficeApi.creditors().then((r) => setCreditors(r.items), setError);
    // Teams are listed to managers and admins; a compliance officer sees the whole agency.
    void backofficeApi.assignmentSetup().then((r) => setTeams(r.teams), () => setTeams([]));
  }, []);
  useEffect(() => {
    const query = new URLSearchParams();
    if (creditorId) query.set('creditorId', creditorId);
    if (teamId) query.set('teamId', teamId);
    if (/^\d{4}-\d{2}-\d{2}$/.test(from)) query.set('from', from);
    if (/^\d{4}-\d{2}-\d{2}$/.test(to)) query.set('to', to);
    void backofficeApi.kpis(query.size ? `?${query.toString()}` : '').then(setKpis, setError);
  }, [creditorId, teamId, from, to]);
  const maxRefusals = Math.max(1, ...(kpis?.complianceRefusalsByRule.map((r) => r.count) ?? [1]));
  const maxAgeing = Math.max(1, ...(kpis?.balanceAgeing.map((a) => a.balanceCents) ?? [1]));

  return (
    <Stack gap="lg">
      <Title order={1}>{t('dashboard.title')}</Title>
      <Group>
        <Select label={t('dashboard.creditor')} clearable value={creditorId} onChange={setCreditorId} data={creditors.map((c) => ({ value: c.id, label: c.name }))} />
        {teams.length > 0 && <Select label={t('dashboard.team')} clearable value={teamId} onChange={setTeamId} data={teams.map((team) => ({ value: team.id, label: team.name }))} />}
        <TextInput type="date" label={t('dashboard.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label={t('dashboard.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {error !== null && <ApiErrorAlert error={error} />}
      {kpis && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <RateCard label={t('dashboard.rpc')} rate={kpis.rightPartyContactRate} />
            <RateCard label={t('dashboard.promiseRate')} rate={kpis.promiseRate} />
            <RateCard label={t('dashboard.promiseKept')} rate={kpis.promiseKeptRate} />
            <RateCard label={t('dashboard.planKept')} rate={kpis.planKeptRate} />
          </SimpleGrid>
          <Card withBorder>
            <Text size="sm" c="dimmed">{t('dashboard.disputes')}</Text>
            <Text size="xl" fw={700}>{kpis.disputesPer1000Cases === null ? '—' : kpis.disputesPer1000Cases.toFixed(1)}</Text>
            <Text size="xs" c="dimmed">{t('dashboard.disputesDetail', { disputes: kpis.disputesOpened, cases: kpis.casesInScope })}</Text>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h4">{t('dashboard.liquidation')}</Title>
              <Table>
                <Table.Tbody>
                  {kpis.liquidationByPlacement.map((p) => (
                    <Table.Tr key={p.label}>
                      <Table.Td><Text size="sm">{p.label}</Text><Text size="xs" c="dimmed">{formatCents(p.collectedCents, locale)} / {formatCents(p.placedCents, locale)}</Text></Table.Td>
                      <Table.Td w="40%"><Progress value={(p.rate.value ?? 0) * 100} aria-label={p.label} /></Table.Td>
                      <Table.Td>{percent(p.rate)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">{t('dashboard.refusals')}</Title>
              {kpis.complianceRefusalsByRule.length === 0 && <Text size="sm" c="dimmed">{t('dashboard.none')}</Text>}
              {kpis.complianceRefusalsByRule.map((r) => (
                <Group key={r.rule} gap="xs" wrap="nowrap">
                  <Text size="sm" w={180}>{r.rule}</Text>
                  <Progress style={{ flex: 1 }} value={(r.count / maxRefusals) * 100} color="red" aria-label={r.rule} />
                  <Text size="sm">{r.count}</Text>
                </Group>
              ))}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">{t('dashboard.ageing')}</Title>
              {kpis.balanceAgeing.map((a) => (
                <Group key={a.bucket} gap="xs" wrap="nowrap">
                  <Text size="sm" w={120}>{t('dashboard.days', { bucket: a.bucket })}</Text>
                  <Progress style={{ flex: 1 }} value={(a.balanceCents / maxAgeing) * 100} aria-label={a.bucket} />
                  <Text size="sm">{formatCents(a.balanceCents, locale)} ({a.cases})</Text>
                </Group>
              ))}
            </Card>
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
