import { translate, type Locale, type MessageKey, type ParamsArg } from '../../web/src/i18n/messages.ts';

export type { Locale };

/**
 * Page models find elements by the same catalogue text the user reads, so a copy change in
 * web/src/i18n does not break the tests and a missing label does.
 */
export function text<K extends MessageKey>(locale: Locale, key: K, ...args: ParamsArg<K>): string {
  return translate(locale, key, ...args);
}
