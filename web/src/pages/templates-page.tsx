import { Alert, Anchor, Badge, Button, Code, Group, List, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { lettersApi, type Channel, type Preview, type TemplateSummary } from '../api/letters.ts';
import { ApiErrorAlert } from '../components/api-error-alert.tsx';
import { usePageTitle } from '../components/use-page-title.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';

/** Templates (files in the repository), rendered for a case or the sample case, with the linter's findings. */
export default function TemplatesPage() {
  const t = useT();
  const { locale: uiLocale } = useI18n();
  usePageTitle('templates.title');
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [channel, setChannel] = useState<Channel>('letter');
  const [locale, setLocale] = useState<'fr' | 'en'>('fr');
  const [caseId, setCaseId] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    lettersApi.templates().then((r) => {
      setTemplates(r.items);
      setSelected(r.items[0]?.id ?? null);
    }, setError);
  }, []);

  const template = templates.find((tpl) => tpl.id === selected);
  const run = () => {
    if (!template) return;
    setError(null);
    lettersApi.preview(template.id, channel, locale, caseId.trim()).then(setPreview, (e: unknown) => {
      setPreview(null);
      setError(e);
    });
  };

  return (
    <Stack gap="lg" maw={1000}>
      <Title order={1}>{t('templates.title')}</Title>
      <Text>{t('templates.intro')}</Text>
      <Table striped withTableBorder>
        <Table.Tbody>
          {templates.map((tpl) => (
            <Table.Tr key={tpl.id} onClick={() => { setSelected(tpl.id); setChannel(tpl.channels[0] ?? 'letter'); setPreview(null); }} style={{ cursor: 'pointer' }} aria-selected={tpl.id === selected}>
              <Table.Td><Code>{tpl.id}</Code></Table.Td>
              <Table.Td>{tpl.title[uiLocale]}</Table.Td>
              <Table.Td>{tpl.channels.join(', ')}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {tpl.firstLetter && <Badge color="indigo">{t('templates.firstLetter')}</Badge>}
                  {tpl.asksForPayment && <Badge color="gray">{t('templates.asksForPayment')}</Badge>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {template && (
        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Title order={2} size="h3">{template.title[uiLocale]}</Title>
            <Group align="end">
              <Select label={t('templates.channel')} data={template.channels} value={channel} onChange={(v) => v && setChannel(v as Channel)} allowDeselect={false} />
              <div>
                <Text size="sm" fw={500}>{t('templates.locale')}</Text>
                <SegmentedControl data={[{ value: 'fr', label: 'FR' }, { value: 'en', label: 'EN' }]} value={locale} onChange={(v) => setLocale(v as 'fr' | 'en')} />
              </div>
              <TextInput label={t('templates.caseId')} value={caseId} onChange={(e) => setCaseId(e.currentTarget.value)} w={360} />
              <Button onClick={run}>{t('templates.preview')}</Button>
              {channel === 'letter' && (
                <Anchor href={lettersApi.previewPdfUrl(template.id, locale, caseId.trim())} target="_blank" rel="noopener">{t('templates.openPdf')}</Anchor>
              )}
            </Group>
            {error !== null && <ApiErrorAlert error={error} />}
            {preview && (
              <>
                {preview.findings.length === 0
                  ? <Alert color="green">{t('templates.noFinding')}</Alert>
                  : (
                    <Alert color="red" title={t('templates.findings')}>
                      <List size="sm">{preview.findings.map((f, i) => <List.Item key={i}>{f.message[uiLocale]} <Text span c="dimmed" size="xs">({f.source})</Text></List.Item>)}</List>
                    </Alert>
                  )}
                {preview.subject && <Text fw={600}>{preview.subject}</Text>}
                <Code block style={{ whiteSpace: 'pre-wrap' }}>{preview.text}</Code>
              </>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
