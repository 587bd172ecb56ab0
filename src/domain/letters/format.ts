/** Dates and amounts as a letter prints them. Pure: the date is given, never read from a clock. */
import { parseCivilDate, type CivilDate } from '../time/index.ts';
import { formatMoney, type Cents } from '../money/index.ts';

export type Locale = 'fr' | 'en';
export const locales: readonly Locale[] = ['fr', 'en'];

const monthNames: Record<Locale, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "1er mars 2027" / "1 March 2027". */
export function formatDate(date: CivilDate | string, locale: Locale): string {
  const parsed = parseCivilDate(date);
  const [year, month, day] = parsed.split('-').map(Number) as [number, number, number];
  const monthName = monthNames[locale][month - 1]!;
  switch (locale) {
    case 'fr':
      return `${day === 1 ? '1er' : day} ${monthName} ${year}`;
    case 'en':
      return `${day} ${monthName} ${year}`;
  }
}

export function formatAmount(amount: Cents, locale: Locale): string {
  return formatMoney(amount, locale);
}

/** Picks the text of the letter's language. */
export function t(locale: Locale, texts: { readonly fr: string; readonly en: string }): string {
  return texts[locale];
}
