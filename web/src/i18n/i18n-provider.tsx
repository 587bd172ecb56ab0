import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, isLocale, translate, type Locale, type MessageKey, type ParamsArg } from './messages.ts';

/** localStorage key of the locale the user picked explicitly (absent: French, or the profile's locale). */
const STORAGE_KEY = 'amiable.locale';

export type Translate = <K extends MessageKey>(key: K, ...args: ParamsArg<K>) => string;

export interface I18nContextValue {
  locale: Locale;
  /** The user's explicit choice: remembered across visits on this browser. */
  setLocale: (locale: Locale) => void;
  /** A default from elsewhere (the user's profile): applied only if the user never chose on this browser. */
  suggestLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nContextValue | null>(null);

function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    // Storage can be disabled (privacy mode, policies): the UI still works, the choice is just not kept.
    return null;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => readStoredLocale() ?? DEFAULT_LOCALE);

  useEffect(() => {
    // Screen readers and the browser's spell-checking and hyphenation follow <html lang>.
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // See readStoredLocale.
    }
    setLocaleState(next);
  }, []);

  const suggestLocale = useCallback((next: Locale) => {
    if (readStoredLocale() === null) setLocaleState(next);
  }, []);

  const t = useCallback<Translate>((key, ...args) => translate(locale, key, ...args), [locale]);

  const value = useMemo(() => ({ locale, setLocale, suggestLocale, t }), [locale, setLocale, suggestLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() must be used inside <I18nProvider>');
  return value;
}

/** The translate function of the current locale: `t('home.greeting', { name })`. */
export function useT(): Translate {
  return useI18n().t;
}
