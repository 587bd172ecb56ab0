import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { parseEuros, paymentsApi, type Booking, type Payment } from '../api/payments.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

const methods = ['cheque', 'transfer', 'cash', 'card', 'direct_debit', 'manual'] as const;

/** An agent records money received for a case: it is allocated, receipted, and reminders stop. */
export default function PaymentEntryPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('payment.title');
  const [caseId, setCaseId] = useState('');
  const [amount, setAmount] = useState('');
  const [valueDate, setValueDate] = useState(new Date().toISOString().slice(0, 10));
  const [method, setMethod] = useState<string>('cheque');
  const [reference, setReference] = useState('');
  const [booking, setBooking] = useState<Booking | null>(null);
  const [history, setHistory] = useState<Payment[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [provider, setProvider] = useState<{ label: string; isTest: boolean } | null>(null);
  useEffect(() => {
    paymentsApi.cardProvider().then(setProvider, () => setProvider(null));
  }, []);
  const cents = parseEuros(amount);
  const money = (value: number) => new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(value / 100);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (cents === null) return;
    setError(null);
    try {
      const result = await paymentsApi.book(caseId.trim(), { amountCents: cents, valueDate, method, ...(reference.trim() ? { reference: reference.trim() } : {}) });
      setBooking(result);
      setHistory((await paymentsApi.list(caseId.trim())).items);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Stack gap="lg" maw={760}>
      <Title order={1}>{t('payment.title')}</Title>
      <Text>{t('payment.intro')}</Text>
      {provider?.isTest && <Alert color="yellow" data-testid="test-provider">{t('payment.testProvider', { label: provider.label })}</Alert>}
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          <TextInput label={t('payment.caseId')} value={caseId} onChange={(e) => setCaseId(e.currentTarget.value)} required />
          <Group grow>
            <TextInput label={t('payment.amount')} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={amount && cents === null ? t('payment.amountInvalid') : null} required />
            <TextInput label={t('payment.valueDate')} type="date" value={valueDate} onChange={(e) => setValueDate(e.currentTarget.value)} required />
          </Group>
          <Group grow>
            <Select label={t('payment.method')} data={methods.map((m) => ({ value: m, label: t(`payment.method.${m}`) }))} value={method} onChange={(v) => setMethod(v ?? 'cheque')} allowDeselect={false} />
            <TextInput label={t('payment.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
          </Group>
          <Group><Button type="submit" disabled={cents === null || caseId.trim() === ''}>{t('payment.submit')}</Button></Group>
        </Stack>
      </form>
      {error !== null && <ApiErrorAlert error={error} />}
      {booking && (
        <Alert color="green" data-testid="booking-result">
          <Text>{booking.created ? t('payment.booked', { amount: money(booking.payment.amountCents), balance: money(booking.payment.allocation.balanceAfterCents) }) : t('payment.alreadyBooked')}</Text>
          <Text size="sm">{t('payment.allocation')} : {booking.payment.allocation.applications.map((a) => `${t(`payment.component.${a.component as 'interest' | 'accessories' | 'principal'}`)} ${money(a.amount)}`).join(' · ')}</Text>
          {booking.cancelledMessages.length > 0 && <Text size="sm">{t('payment.cancelled', { count: booking.cancelledMessages.length })}</Text>}
          {booking.statusAfter !== booking.statusBefore && <Text size="sm">{t('payment.status', { from: booking.statusBefore, to: booking.statusAfter })}</Text>}
          {booking.warnings.map((w) => <Text key={w} size="sm" c="orange">{w}</Text>)}
        </Alert>
      )}
      {history.length > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr><Table.Th>{t('payment.valueDate')}</Table.Th><Table.Th>{t('payment.amount')}</Table.Th><Table.Th>{t('payment.method')}</Table.Th><Table.Th>{t('payment.allocation')}</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>{p.valueDate}</Table.Td>
                <Table.Td>{money(p.amountCents)}{p.status === 'reversed' ? ` (${t('payment.reversed')})` : ''}</Table.Td>
                <Table.Td>{p.method}</Table.Td>
                <Table.Td>{p.allocation.applications.map((a) => `${a.component} ${money(a.amount)}`).join(' · ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
