/**
 * Pure i18n logic (no React, no DOM) so it can be unit-tested under Node and reused by the e2e
 * page models: catalogue lookup, {placeholder} interpolation and the error-code → message rule.
 */
import { en } from './en.ts';
import { fr, type MessageKey } from './fr.ts';

export type { MessageKey };

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

export const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(fr, key);
}

/** Names of the `{placeholders}` in a template literal type, e.g. 'Hello {name}' → 'name'. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof fr)[K]>, string | number>;

/** Extra argument of `t()`: required exactly when the French template has placeholders. */
export type ParamsArg<K extends MessageKey> = [Placeholders<(typeof fr)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

/** Keys whose text has no placeholder: the only ones that can be passed around as data (labels, titles). */
export type PlainMessageKey = { [K in MessageKey]: ParamsArg<K> extends [] ? K : never }[MessageKey];

/**
 * Replaces each `{name}` with its value. An unknown placeholder is left as is, so a catalogue slip
 * shows up visibly on screen instead of turning into an empty string.
 */
export function interpolate(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: ParamsArg<K>): string {
  const params = args[0] as Readonly<Record<string, string | number>> | undefined;
  return interpolate(catalogues[locale][key], params);
}

type ErrorMessageKey = Extract<PlainMessageKey, `errors.${string}`>;

/**
 * Catalogue key for an API problem `code`: `errors.<code>` when translated, else the generic text.
 * A catalogue entry with a placeholder cannot be filled from a bare code, so it also falls back.
 */
export function errorMessageKey(code: string | undefined): ErrorMessageKey {
  const key = `errors.${code ?? ''}`;
  return code && isMessageKey(key) && !fr[key].includes('{') ? (key as ErrorMessageKey) : 'errors.generic';
}

/**
 * A wait such as a lockout, rounded up to a whole unit ("45 secondes", "15 minutes", "2 hours"):
 * Intl picks the right plural and word for the locale, so catalogues hold one sentence, not one per unit.
 */
export function formatWait(locale: Locale, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const [value, unit] = s < 60 ? [s, 'second'] : s < 3600 ? [Math.ceil(s / 60), 'minute'] : [Math.ceil(s / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}
