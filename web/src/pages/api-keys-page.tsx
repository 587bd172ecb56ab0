import { Alert, Badge, Button, Checkbox, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { creditorApi, type ApiKey, type Creditor } from '../api/creditor-api.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

/** Creditor API keys (admin): create one (shown once), see when each was last used, revoke it. */
export default function ApiKeysPage() {
  const t = useT();
  const { locale } = useI18n();
  usePageTitle('apiKeys.title');
  const [creditors, setCreditors] = useState<Creditor[]>([]);
  const [creditorId, setCreditorId] = useState<string | null>(null);
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [scopes, setScopes] = useState<string[]>([]);
  const [chosen, setChosen] = useState<string[]>(['cases:read']);
  const [name, setName] = useState('');
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    creditorApi.creditors().then((r) => setCreditors(r.items), setError);
  }, []);
  const load = useCallback(() => creditorApi.apiKeys(creditorId).then((r) => {
    setKeys(r.items);
    setScopes(r.scopes);
  }, setError), [creditorId]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = () => {
    if (!creditorId) return;
    setError(null);
    creditorApi.createApiKey({ creditorId, name: name || 'API', scopes: chosen }).then((r) => {
      setShown(r.key);
      setName('');
      return load();
    }, setError);
  };
  const creditorName = (id: string) => creditors.find((c) => c.id === id)?.name ?? id;

  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1}>{t('apiKeys.title')}</Title>
      <Text>{t('apiKeys.intro')}</Text>
      {error !== null && <ApiErrorAlert error={error} />}
      {shown && (
        <Alert color="yellow" title={t('apiKeys.shownOnce')} data-testid="new-api-key">
          <Code block>{shown}</Code>
          <Button mt="sm" size="xs" variant="light" onClick={() => setShown(null)}>{t('apiKeys.stored')}</Button>
        </Alert>
      )}
      <Group align="end">
        <Select label={t('apiKeys.creditor')} data={creditors.map((c) => ({ value: c.id, label: c.name }))} value={creditorId} onChange={setCreditorId} clearable w={260} />
        <TextInput label={t('apiKeys.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} w={200} />
        <Button onClick={create} disabled={!creditorId || chosen.length === 0}>{t('apiKeys.create')}</Button>
      </Group>
      <Checkbox.Group label={t('apiKeys.scopes')} value={chosen} onChange={setChosen}>
        <Group mt="xs">{scopes.map((s) => <Checkbox key={s} value={s} label={s} />)}</Group>
      </Checkbox.Group>
      {keys.length === 0 ? <Text c="dimmed">{t('apiKeys.empty')}</Text> : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('apiKeys.creditor')}</Table.Th><Table.Th>{t('apiKeys.name')}</Table.Th><Table.Th>{t('apiKeys.prefix')}</Table.Th>
              <Table.Th>{t('apiKeys.scopes')}</Table.Th><Table.Th>{t('apiKeys.lastUsed')}</Table.Th><Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{creditorName(k.creditorId)}</Table.Td>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td><Code>amk_{k.prefix}_…</Code></Table.Td>
                <Table.Td>{k.scopes.join(', ')}</Table.Td>
                <Table.Td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString(locale) : '—'}</Table.Td>
                <Table.Td>
                  {k.revokedAt
                    ? <Badge color="gray">{t('apiKeys.revoked')}</Badge>
                    : <Button size="xs" color="red" variant="light" onClick={() => creditorApi.revokeApiKey(k).then(load, setError)}>{t('apiKeys.revoke')}</Button>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
