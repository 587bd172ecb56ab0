import { Button, Group } from '@mantine/core';
import { useI18n } from '../i18n/i18n-provider.tsx';
import { LOCALES } from '../i18n/messages.ts';

/**
 * FR / EN toggle. Each button is named in its own language ("Français", "English") so a user who
 * does not read the current language can still find theirs; aria-pressed marks the current one.
 */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Group gap={4} role="group" aria-label={t('language.label')} wrap="nowrap">
      {LOCALES.map((code) => {
        const current = code === locale;
        return (
          <Button
            key={code}
            size="compact-sm"
            variant={current ? 'filled' : 'subtle'}
            aria-pressed={current}
            aria-label={t(`language.${code}`)}
            lang={code}
            onClick={() => setLocale(code)}
          >
            {code.toUpperCase()}
          </Button>
        );
      })}
    </Group>
  );
}
