import { Alert, List } from '@mantine/core';
import { ApiError } from '../api/problem.ts';
import { useI18n, useT } from '../i18n/i18n-provider.tsx';
import { errorMessageKey } from '../i18n/messages.ts';

/** An API failure in the user's language; a refused template also lists the rules it breaks. */
export function ApiErrorAlert({ error }: { error: unknown }) {
  const t = useT();
  const { locale } = useI18n();
  const code = error instanceof ApiError ? error.code : 'internal';
  const findings = error instanceof ApiError ? (error.problem as { findings?: { rule: string; message: { fr: string; en: string } }[] }).findings : undefined;
  return (
    <Alert color="red" role="alert">
      {t(errorMessageKey(code))}
      {findings && (
        <List size="sm" mt="xs">
          {findings.map((f, i) => <List.Item key={i}>{f.message[locale]}</List.Item>)}
        </List>
      )}
    </Alert>
  );
}
