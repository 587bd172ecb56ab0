import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/application/errors.ts';
import { en } from '../../web/src/i18n/en.ts';
import { fr } from '../../web/src/i18n/fr.ts';
import { errorMessageKey, formatWait, interpolate, isLocale, translate } from '../../web/src/i18n/messages.ts';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('web catalogues', () => {
  it('have the same keys in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('use the same {placeholders} in both languages', () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

  it('have no empty text', () => {
    for (const [key, value] of [...Object.entries(fr), ...Object.entries(en)]) expect(value.trim(), key).not.toBe('');
  });
});

describe('interpolate', () => {
  it('replaces every occurrence of each placeholder', () => {
    expect(interpolate('{a} et {b}, encore {a}', { a: 'x', b: 2 })).toBe('x et 2, encore x');
  });

  it('leaves unknown placeholders visible and ignores inherited properties', () => {
    expect(interpolate('Bonjour {name} {toString}', {})).toBe('Bonjour {name} {toString}');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(interpolate('Bonjour {name}', { name: '$& $1 {name}' })).toBe('Bonjour $& $1 {name}');
  });
});

describe('translate', () => {
  it('fills the template of the chosen locale', () => {
    expect(translate('fr', 'home.greeting', { name: 'Amélie' })).toBe('Bonjour Amélie');
    expect(translate('en', 'home.greeting', { name: 'Amélie' })).toBe('Hello Amélie');
  });

  it('recognises only the supported locales', () => {
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});

describe('errorMessageKey', () => {
  it('has a message for every error code the server can send (DESIGN.md §3.4)', () => {
    for (const code of errorCodes) expect(errorMessageKey(code), code).toBe(`errors.${code}`);
  });

  it('maps a known API problem code to its message', () => {
    expect(errorMessageKey('invalid_credentials')).toBe('errors.invalid_credentials');
  });

  it('falls back to the generic message for unknown, missing or odd codes', () => {
    expect(errorMessageKey('no_such_code')).toBe('errors.generic');
    expect(errorMessageKey(undefined)).toBe('errors.generic');
    expect(errorMessageKey('')).toBe('errors.generic');
    expect(errorMessageKey('../home.title')).toBe('errors.generic');
  });
});

describe('formatWait', () => {
  // Intl separates number and unit with a no-break space, which keeps "15 minutes" on one line.
  const wait = (...args: Parameters<typeof formatWait>) => formatWait(...args).replace(/\u00a0/g, ' ');

  it('rounds up to whole seconds, minutes or hours with the right plural', () => {
    expect(wait('fr', 1)).toBe('1 seconde');
    expect(wait('fr', 45)).toBe('45 secondes');
    expect(wait('fr', 61)).toBe('2 minutes');
    expect(wait('en', 900)).toBe('15 minutes');
    expect(wait('en', 60)).toBe('1 minute');
    expect(wait('en', 3601)).toBe('2 hours');
    expect(wait('fr', 0)).toBe('1 seconde');
  });
});
