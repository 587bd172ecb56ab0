import type { Cents } from './cents.ts';

export type MoneyLocale = 'fr' | 'en';

const NARROW_NO_BREAK_SPACE = '\u202F';
const NO_BREAK_SPACE = '\u00A0';

/**
 * Formats cents as euros the way Intl.NumberFormat does for fr-FR ("1 234,56 €", narrow no-break
 * spaces between groups) and en ("€1,234.56"), but with integer arithmetic only: the output must not
 * depend on the ICU version installed on a server, and amounts beyond 2^53/100 stay exact.
 */
export function formatMoney(amount: Cents, locale: MoneyLocale): string {
  const negative = amount < 0;
  const absolute = Math.abs(amount);
  const euros = Math.trunc(absolute / 100);
  const centsPart = String(absolute % 100).padStart(2, '0');
  const sign = negative ? '-' : '';
  switch (locale) {
    case 'fr':
      return `${sign}${groupThousands(euros, NARROW_NO_BREAK_SPACE)},${centsPart}${NO_BREAK_SPACE}€`;
    case 'en':
      return `${sign}€${groupThousands(euros, ',')}.${centsPart}`;
  }
}

function groupThousands(value: number, separator: string): string {
  const digits = String(value);
  const firstGroupLength = digits.length % 3 || 3;
  let result = digits.slice(0, firstGroupLength);
  for (let index = firstGroupLength; index < digits.length; index += 3) {
    result += separator + digits.slice(index, index + 3);
  }
  return result;
}
