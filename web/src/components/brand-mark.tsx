import { Group, Text } from '@mantine/core';
import { useT } from '../i18n/i18n-provider.tsx';

/** The product mark: decorative (the product name next to it is the accessible text). */
export function BrandLogo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" style={{ flexShrink: 0 }}>
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-indigo-7)" />
      <path d="M16 6.5 8.5 25h3.6l1.5-4h4.8l1.5 4h3.6L16 6.5Zm0 7.3 1.6 4.4h-3.2L16 13.8Z" fill="#fff" />
    </svg>
  );
}

export function BrandName({ size = 'lg' }: { size?: 'md' | 'lg' | 'xl' }) {
  const t = useT();
  return (
    <Group gap="xs" wrap="nowrap">
      <BrandLogo size={size === 'xl' ? 40 : 30} />
      <Text component="span" fw={700} fz={size} c="indigo.9" style={{ whiteSpace: 'nowrap' }}>
        {t('app.name')}
      </Text>
    </Group>
  );
}
