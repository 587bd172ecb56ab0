/**
 * Reading a message the person pasted ("is this really from you?"): the verification codes it quotes,
 * and the signs of a scam it shows. The signs are those the DGCCRF and cybermalveillance.gouv.fr list
 * for fake collection messages: premium-rate numbers (C. conso L121-2: misleading; LEGAL_RULES.md 8d),
 * shortened links, requests for card numbers or codes, payment to a foreign account, and pressure.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js/max';

export const scamSigns = ['premium-rate-number', 'shortened-link', 'card-request', 'foreign-iban', 'pressure'] as const;
export type ScamSign = (typeof scamSigns)[number];

const shorteners = ['bit.ly', 'tinyurl.com', 'goo.gl', 't.co', 'ow.ly', 'is.gd', 'cutt.ly', 'rebrand.ly', 'shorturl.at', 'tiny.cc', 'rb.gy', 'urlz.fr', 'lnkd.in'];
const codePattern = /\b([0-9A-HJKMNP-TV-Z]{4})[- ]?([0-9A-HJKMNP-TV-Z]{4})\b/gi;

export interface MessageReading {
  /** Candidate verification codes `XXXX-XXXX`, in the order they appear. */
  readonly codes: readonly string[];
  readonly signs: readonly ScamSign[];
}

export function readPastedMessage(text: string): MessageReading {
  const codes: string[] = [];
  for (const match of text.matchAll(codePattern)) {
    const code = `${match[1]!.toUpperCase()}-${match[2]!.toUpperCase()}`;
    // A code always mixes letters and digits in practice; plain words and numbers are not codes.
    if (/[A-Z]/.test(code) && /\d/.test(code) && !codes.includes(code)) codes.push(code);
  }
  const signs = new Set<ScamSign>();
  for (const found of findPhoneNumbersInText(text, { defaultCountry: 'FR' })) {
    const type = found.number.getType();
    if (type === 'PREMIUM_RATE' || type === 'SHARED_COST') signs.add('premium-rate-number');
  }
  const lower = text.toLowerCase();
  if (shorteners.some((host) => new RegExp(`(^|[^a-z0-9.-])${host.replace(/\./g, '\\.')}/`, 'i').test(lower))) signs.add('shortened-link');
  if (/(num[ée]ro de (ta |votre )?carte|card number|code cvv|cvv|cryptogramme|code de s[ée]curit[ée]|code confidentiel|pin code)/i.test(text)) signs.add('card-request');
  for (const iban of text.toUpperCase().matchAll(/\b([A-Z]{2})\d{2}(?: ?[A-Z0-9]{4}){2,7}/g)) {
    if (!['FR', 'MC', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF'].includes(iban[1]!)) signs.add('foreign-iban');
  }
  if (/(dernier (avis|d[ée]lai)|sous 24 ?h|imm[ée]diatement|sans d[ée]lai|huissier|saisie|last warning|within 24 ?h|immediately|bailiff|seizure)/i.test(text)) signs.add('pressure');
  return { codes, signs: scamSigns.filter((sign) => signs.has(sign)) };
}
