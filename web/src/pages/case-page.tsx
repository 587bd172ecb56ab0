import { Alert, Anchor, Badge, Button, Card, Grid, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  backofficeApi, callOutcomes, disclosingOutcomes, eurosToCents, formatCents, type CallOutcome, type CaseFile, type IdentityFact, type PlanPreview,
} from '../api/backoffice.ts';
import { useCurrentUser } from '../auth/session-provider.tsx';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

const facts: IdentityFact[] = ['birth_date', 'postcode', 'birth_place', 'contract_reference', 'email'];
const dateTime = (iso: string | null, locale: string) => (iso ? new Date(iso).toLocaleString(locale, { timeZone: 'Europe/Paris' }) : '—');

/** The case file on one screen, with the call script for agents. */
export default function CasePage() {
  const { caseId = '' } = useParams();
  const t = useT();
  const { locale } = useI18n();
  const user = useCurrentUser();
  usePageTitle('case.title');
  const [file, setFile] = useState<CaseFile | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => backofficeApi.caseFile(caseId).then(setFile, setError), [caseId]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error !== null && !file) return <ApiErrorAlert error={error} />;
  if (!file) return <Text>{t('app.loading')}</Text>;
  const k = file.raw.kase;
  const d = file.raw.debtor;
  const name = d.companyName ?? `${d.civility ?? ''} ${d.firstName ?? ''} ${d.lastName ?? ''}`.trim();
  const canAct = !file.readOnly && user.role !== 'compliance';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{name}</Title>
          <Text c="dimmed">{k.creditorReference} · {k.creditorName} · {k.category}</Text>
        </div>
        <Group>
          <Badge size="lg" data-testid="case-status">{k.status}</Badge>
          <Badge size="lg" color="blue">{t('case.balance')} : {formatCents(file.balanceCents, locale)}</Badge>
        </Group>
      </Group>
      {error !== null && <ApiErrorAlert error={error} />}
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Card withBorder>
              <Title order={2} size="h4">{t('case.compliance')}</Title>
              <Table aria-label={t('case.compliance')}>
                <Table.Tbody>
                  {file.compliance.map((c) => (
                    <Table.Tr key={c.channel}>
                      <Table.Td><Text fw={600}>{t(`case.channel.${c.channel}`)}</Text></Table.Td>
                      <Table.Td w={120}><Badge style={{ overflow: 'visible' }} color={c.allowed ? 'green' : 'red'}>{c.allowed ? t('case.allowed') : t('case.notAllowed')}</Badge></Table.Td>
                      <Table.Td>
                        {c.problem === 'no-contact-point' && <Text size="sm">{t('case.noContactPoint')}</Text>}
                        {c.reasons.map((r) => <Text key={r.rule} size="sm">{r.message[locale]} <Text span c="dimmed" size="xs">({r.kind} · {r.citation})</Text></Text>)}
                        {!c.allowed && c.problem === null && <Text size="xs" c="dimmed">{t('case.nextLawful', { at: c.nextAllowedAt ? dateTime(c.nextAllowedAt, locale) : t('case.stateChange') })}</Text>}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="sm" mt="xs">{t('case.limitation')} : {file.limitation.expiresOn ? t('case.limitationOn', { date: file.limitation.expiresOn, days: file.limitation.daysLeft ?? 0 }) : t('case.limitationUnknown')}</Text>
            </Card>
            {canAct && <CallScript caseId={caseId} file={file} onDone={load} />}
            <Card withBorder>
              <Title order={2} size="h4">{t('case.timeline')}</Title>
              <Table striped aria-label={t('case.timeline')}>
                <Table.Tbody>
                  {file.timeline.slice(0, 200).map((e) => (
                    <Table.Tr key={`${e.kind}-${e.id}`}>
                      <Table.Td><Text size="xs">{dateTime(e.at, locale)}</Text></Table.Td>
                      <Table.Td><Badge variant="outline" size="sm">{e.kind}</Badge></Table.Td>
                      <Table.Td><Text size="sm">{e.type}</Text></Table.Td>
                      <Table.Td><Text size="xs" c="dimmed">{summarise(e.data)}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Card withBorder>
              <Title order={2} size="h4">{t('case.claim')}</Title>
              <Table>
                <Table.Tbody>
                  <Table.Tr><Table.Td>{t('case.principal')}</Table.Td><Table.Td>{formatCents(k.principalCents, locale)}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Td>{t('case.interest')}</Table.Td><Table.Td>{formatCents(k.interestCents, locale)}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Td>{t('case.accessories')}</Table.Td><Table.Td>{formatCents(k.accessoriesCents, locale)}</Table.Td></Table.Tr>
                  <Table.Tr><Table.Td>{t('case.paid')}</Table.Td><Table.Td>−{formatCents(k.paidCents, locale)}</Table.Td></Table.Tr>
                  {k.waivedCents > 0 && <Table.Tr><Table.Td>{t('case.waived')}</Table.Td><Table.Td>−{formatCents(k.waivedCents, locale)}</Table.Td></Table.Tr>}
                  <Table.Tr><Table.Td fw={700}>{t('case.balance')}</Table.Td><Table.Td fw={700}>{formatCents(file.balanceCents, locale)}</Table.Td></Table.Tr>
                </Table.Tbody>
              </Table>
              <Text size="xs" c="dimmed">{t('case.basis', { ref: k.basisContractRef ?? '—', date: k.basisDate ?? '—', due: k.dueDate })}</Text>
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">{t('case.identity')}</Title>
              <Text size="sm">{t('case.born', { date: d.birthDate ?? '—', place: d.birthPlace ?? '—' })}</Text>
              <Table>
                <Table.Tbody>
                  {file.raw.contactPoints.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td><Text size="sm">{p.value}</Text><Text size="xs" c="dimmed">{t('case.source', { source: p.sourceLabel ?? p.sourceKind, date: p.sourceAt.slice(0, 10) })}</Text></Table.Td>
                      <Table.Td><Badge size="sm" color={p.status === 'wrong' ? 'red' : p.status === 'valid' ? 'green' : 'gray'}>{p.status}</Badge></Table.Td>
                      <Table.Td><Text size="xs">{p.validUntil ? t('case.validUntil', { date: p.validUntil.slice(0, 10) }) : ''}</Text></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">{t('case.arrangements')}</Title>
              {file.raw.plans.map((p) => <Text key={p.id} size="sm">{t('case.planLine', { status: p.status, count: p.instalments.length, total: formatCents(p.totalCents, locale) })}</Text>)}
              {file.raw.promises.map((p) => <Text key={p.id} size="sm">{t('case.promiseLine', { status: p.status, amount: formatCents(p.amountCents, locale), date: p.dueOn })}</Text>)}
              {file.raw.settlements.map((s) => <Text key={s.id} size="sm">{t('case.settlementLine', { status: s.status, amount: formatCents(s.amountCents, locale), date: s.dueOn })}</Text>)}
              {file.raw.suspensions.map((s) => <Text key={s.id} size="sm" c={s.resolvedAt ? 'dimmed' : 'red'}>{t('case.suspensionLine', { kind: s.kind, date: s.fromAt.slice(0, 10), state: s.resolvedAt ? s.resolution ?? '' : t('case.open') })}</Text>)}
              <Text size="xs" c="dimmed" mt="xs">{t('case.mandate', { months: file.mandate.maxPlanMonths, min: formatCents(file.mandate.minInstalmentCents, locale), discount: file.mandate.maxDiscountBps / 100 })}</Text>
            </Card>
            <Card withBorder>
              <Title order={2} size="h4">{t('case.documents')}</Title>
              {file.raw.documents.length === 0 && (file.raw.kase.documentRefs ?? []).length === 0 && <Text size="sm" c="dimmed">{t('case.noDocuments')}</Text>}
              {file.raw.documents.map((doc) => <Text key={doc.id} size="sm"><Anchor href={`/api/v1/cases/${file.raw.kase.id}/documents/${doc.id}`} download={doc.fileName}>{doc.fileName}</Anchor> ({doc.kind})</Text>)}
              {(file.raw.kase.documentRefs ?? []).map((ref) => <Text key={ref} size="sm">{ref}</Text>)}
            </Card>
            {canAct && <CaseActions caseId={caseId} onDone={load} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function summarise(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of ['outcome', 'from', 'to', 'reason', 'amountCents', 'dueOn', 'template', 'status', 'kind', 'text', 'resolution']) {
    if (data[key] !== undefined && data[key] !== null) parts.push(`${key}: ${String(data[key])}`);
  }
  return parts.join(' · ');
}

function CaseActions({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const t = useT();
  const [kind, setKind] = useState<string | null>('dispute');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <Card withBorder>
      <Title order={2} size="h4">{t('case.actions')}</Title>
      {error !== null && <ApiErrorAlert error={error} />}
      <Select allowDeselect={false} label={t('case.suspensionKind')} value={kind} onChange={setKind} data={['dispute', 'documents-requested', 'over-indebtedness', 'deceased', 'vulnerability', 'written-only'].map((v) => ({ value: v, label: t(`case.suspension.${v as 'dispute'}`) }))} />
      <Textarea label={t('case.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Button mt="xs" color="orange" disabled={!reason.trim() || !kind} onClick={() => backofficeApi.openSuspension(caseId, kind!, reason).then(() => { setReason(''); onDone(); }, setError)}>{t('case.openSuspension')}</Button>
      <Textarea mt="md" label={t('case.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Button mt="xs" variant="light" disabled={!note.trim()} onClick={() => backofficeApi.addNote(caseId, note).then(() => { setNote(''); onDone(); }, setError)}>{t('case.addNote')}</Button>
    </Card>
  );
}

/** The guided call: the engine first, then two facts, then the outcome. The debt is not shown before the check passes. */
function CallScript({ caseId, file, onDone }: { caseId: string; file: CaseFile; onDone: () => void }) {
  const t = useT();
  const { locale } = useI18n();
  const [attempt, setAttempt] = useState<Awaited<ReturnType<typeof backofficeApi.startCall>> | null>(null);
  const [answers, setAnswers] = useState<{ fact: IdentityFact; value: string }[]>([{ fact: 'birth_date', value: '' }, { fact: 'postcode', value: '' }]);
  const [verified, setVerified] = useState<boolean | null>(null);
  const [outcome, setOutcome] = useState<CallOutcome | null>(null);
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [count, setCount] = useState<number>(6);
  const [frequency, setFrequency] = useState<'monthly' | 'biweekly' | 'weekly'>('monthly');
  const [income, setIncome] = useState('');
  const [charges, setCharges] = useState('');
  const [adults, setAdults] = useState<1 | 2>(1);
  const [children, setChildren] = useState<number>(0);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const planBody = () => {
    const incomeCents = eurosToCents(income);
    const chargesCents = eurosToCents(charges);
    return {
      frequency, count, firstDueOn: dueOn,
      budget: incomeCents !== null && chargesCents !== null ? { incomeCents, chargesCents, adults, children } : null,
      reason: reason.trim() || null,
    };
  };
  const record = () => {
    if (!attempt || !outcome) return;
    const body: Record<string, unknown> = { outcome, note: note.trim() || null };
    if (verified) body.identity = answers;
    if (outcome === 'promise') body.promise = { amountCents: eurosToCents(amount) ?? 0, dueOn };
    if (outcome === 'plan') body.plan = planBody();
    if (outcome === 'settlement_request') body.settlement = { amountCents: eurosToCents(amount) ?? 0, dueOn, reason: reason.trim() || null };
    backofficeApi.recordOutcome(attempt.attemptId, body).then(() => {
      setDone(outcome);
      onDone();
    }, setError);
  };

  return (
    <Card withBorder>
      <Title order={2} size="h4">{t('call.title')}</Title>
      {error !== null && <ApiErrorAlert error={error} />}
      {done && <Alert color="green" title={t('call.recorded')}>{t(`call.outcome.${done as 'no_answer'}`)}</Alert>}
      {!attempt && !done && (
        <Button mt="sm" onClick={() => backofficeApi.startCall(caseId).then(setAttempt, setError)}>{t('call.start')}</Button>
      )}
      {attempt && !attempt.allowed && (
        <Alert color="red" title={t('call.refused')}>
          {attempt.decision.reasons.map((r) => <Text key={r.rule} size="sm">{r.message[locale]}</Text>)}
          <Text size="xs">{t('case.nextLawful', { at: attempt.decision.nextAllowedAt ? dateTime(attempt.decision.nextAllowedAt, locale) : t('case.stateChange') })}</Text>
        </Alert>
      )}
      {attempt?.allowed && !done && (
        <Stack gap="sm" mt="sm">
          <Text>{t('call.dial', { phone: attempt.phone })}</Text>
          <Title order={3} size="h5">{t('call.identity')}</Title>
          {verified !== true && <Alert color="yellow">{t('call.doNotDisclose')}</Alert>}
          <SimpleGrid cols={2}>
            {answers.map((a, i) => (
              <Group key={i} grow align="flex-end">
                <Select label={t('call.fact')} value={a.fact} onChange={(v) => setAnswers(answers.map((x, j) => (j === i ? { ...x, fact: (v ?? 'birth_date') as IdentityFact } : x)))}
                  data={facts.map((f) => ({ value: f, label: t(`call.fact.${f}`) }))} />
                <TextInput label={t('call.answer', { n: i + 1 })} value={a.value} onChange={(e) => { const value = e.currentTarget.value; setAnswers(answers.map((x, j) => (j === i ? { ...x, value } : x))); }} />
              </Group>
            ))}
          </SimpleGrid>
          <Group>
            <Button variant="light" onClick={() => backofficeApi.checkIdentity(caseId, answers).then((r) => setVerified(r.verified), setError)}>{t('call.verify')}</Button>
            {verified === true && <Badge color="green" size="lg">{t('call.verified')}</Badge>}
            {verified === false && <Badge color="red" size="lg">{t('call.notVerified')}</Badge>}
          </Group>
          {verified === true && <Text size="sm">{t('call.disclose', { balance: formatCents(file.balanceCents, locale), creditor: file.raw.kase.creditorName })}</Text>}
          <Select allowDeselect={false} label={t('call.outcome')} value={outcome} onChange={(v) => setOutcome(v as CallOutcome | null)}
            data={callOutcomes.filter((o) => verified === true || !disclosingOutcomes.includes(o)).map((o) => ({ value: o, label: t(`call.outcome.${o}`) }))} />
          {(outcome === 'promise' || outcome === 'settlement_request') && (
            <Group grow>
              <TextInput label={t('call.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} />
              <TextInput type="date" label={t('call.dueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
            </Group>
          )}
          {outcome === 'plan' && (
            <Stack gap="xs">
              <Group grow>
                <NumberInput label={t('call.count')} value={count} min={1} max={120} onChange={(v) => setCount(Number(v) || 1)} />
                <Select label={t('call.frequency')} value={frequency} onChange={(v) => setFrequency((v ?? 'monthly') as 'monthly')} data={['monthly', 'biweekly', 'weekly'].map((f) => ({ value: f, label: t(`call.frequency.${f as 'monthly'}`) }))} />
                <TextInput type="date" label={t('call.firstDueOn')} value={dueOn} onChange={(e) => setDueOn(e.currentTarget.value)} />
              </Group>
              <Group grow>
                <TextInput label={t('call.income')} value={income} onChange={(e) => setIncome(e.currentTarget.value)} />
                <TextInput label={t('call.charges')} value={charges} onChange={(e) => setCharges(e.currentTarget.value)} />
                <Select label={t('call.adults')} value={String(adults)} onChange={(v) => setAdults(v === '2' ? 2 : 1)} data={['1', '2']} />
                <NumberInput label={t('call.children')} value={children} min={0} max={20} onChange={(v) => setChildren(Number(v) || 0)} />
              </Group>
              <Button variant="light" onClick={() => backofficeApi.previewPlan(caseId, planBody()).then(setPreview, setError)}>{t('call.preview')}</Button>
              {preview && (
                <Stack gap={4} data-testid="plan-preview">
                  <Text size="sm">{t('call.schedule', { count: preview.instalments.length, first: preview.instalments[0]?.dueOn ?? '', last: preview.instalments.at(-1)?.dueOn ?? '', amount: formatCents(preview.instalments[0]?.amountCents ?? 0, locale) })}</Text>
                  {preview.affordability && <Text size="sm" c={preview.affordability.exceedsCapacity ? 'red' : undefined}>{t('call.capacity', { capacity: formatCents(preview.affordability.monthlyCapacity, locale), monthly: formatCents(preview.affordability.monthlyInstalmentCents, locale) })}</Text>}
                  {preview.violations.map((v) => <Text key={v.rule} size="sm" c="orange">{v.message[locale]}</Text>)}
                  {preview.needsApproval && <Alert color="orange">{t('call.needsApproval')}</Alert>}
                </Stack>
              )}
            </Stack>
          )}
          {(outcome === 'plan' || outcome === 'settlement_request') && <TextInput label={t('call.approvalReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />}
          <Textarea label={t('case.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button onClick={record} disabled={!outcome}>{t('call.record')}</Button>
        </Stack>
      )}
    </Card>
  );
}
