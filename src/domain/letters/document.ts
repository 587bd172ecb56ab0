/**
 * What a template produces, before any rendering: a letter is a list of typed blocks, and an SMS or an
 * e-mail is text. Blocks carry the named mentions they satisfy, so the linter checks the law's list of
 * mentions against the document itself, not against the template's good intentions.
 */
import type { Cents } from '../money/index.ts';
import type { Locale } from './format.ts';
import type { MentionId } from './mentions.ts';

export type AmountPart = 'principal' | 'interest' | 'accessories' | 'total' | 'paid' | 'balance' | 'instalment';

export type Block =
  | { readonly kind: 'heading'; readonly text: string; readonly mentions?: readonly MentionId[] }
  /** `fixed`: a text the law requires verbatim; never edited, never linted for wording. */
  | { readonly kind: 'paragraph'; readonly text: string; readonly mentions?: readonly MentionId[]; readonly fixed?: boolean; readonly small?: boolean }
  | { readonly kind: 'fields'; readonly rows: readonly { readonly label: string; readonly value: string }[]; readonly mentions?: readonly MentionId[] }
  | {
    readonly kind: 'amounts';
    readonly rows: readonly { readonly label: string; readonly part: AmountPart; readonly amount: Cents; readonly text: string }[];
    readonly mentions?: readonly MentionId[];
  }
  | {
    readonly kind: 'payment';
    readonly lines: readonly { readonly label: string; readonly value: string }[];
    /** The EPC069-12 payload drawn as a QR code. */
    readonly epcPayload: string;
    readonly caption: string;
    readonly mentions?: readonly MentionId[];
  }
  | { readonly kind: 'qr'; readonly payload: string; readonly caption: string; readonly mentions?: readonly MentionId[] }
  | { readonly kind: 'schedule'; readonly header: readonly [string, string, string]; readonly rows: readonly (readonly [string, string, string])[]; readonly mentions?: readonly MentionId[] };

export interface LetterDocument {
  readonly channel: 'letter';
  readonly template: string;
  readonly locale: Locale;
  readonly title: string;
  /** Sender lines printed top left (the agency). */
  readonly sender: readonly string[];
  /** Recipient window lines (name, then the postal address). */
  readonly recipient: readonly string[];
  /** "Paris, le 26 novembre 2026" and the reference line. */
  readonly dateLine: string;
  readonly blocks: readonly Block[];
  /** Printed at the foot of every page. */
  readonly footer: string;
}

export interface SmsDocument {
  readonly channel: 'sms';
  readonly template: string;
  readonly locale: Locale;
  readonly text: string;
  readonly mentions: readonly MentionId[];
}

export interface EmailDocument {
  readonly channel: 'email';
  readonly template: string;
  readonly locale: Locale;
  readonly subject: string;
  /** Paragraphs; the text and HTML bodies are both made from them. */
  readonly paragraphs: readonly { readonly text: string; readonly mentions?: readonly MentionId[] }[];
}

export type MessageDocument = LetterDocument | SmsDocument | EmailDocument;

/** Every piece of text of a block, in reading order. */
export function blockTexts(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return [block.text];
    case 'fields':
      return block.rows.map((row) => `${row.label} ${row.value}`);
    case 'amounts':
      return block.rows.map((row) => `${row.label} ${row.text}`);
    case 'payment':
      return [...block.lines.map((line) => `${line.label} ${line.value}`), block.caption];
    case 'qr':
      return [block.caption];
    case 'schedule':
      return [block.header.join(' '), ...block.rows.map((row) => row.join(' '))];
  }
}

/** The document as plain text, each part with the mentions it carries and whether it is a fixed legal text. */
export function documentParts(document: MessageDocument): { text: string; mentions: readonly MentionId[]; fixed: boolean }[] {
  switch (document.channel) {
    case 'letter':
      return [
        { text: [document.title, ...document.sender, ...document.recipient, document.dateLine].join('\n'), mentions: [], fixed: false },
        ...document.blocks.map((block) => ({
          text: blockTexts(block).join('\n'), mentions: block.mentions ?? [], fixed: block.kind === 'paragraph' && block.fixed === true,
        })),
        { text: document.footer, mentions: [], fixed: false },
      ];
    case 'sms':
      return [{ text: document.text, mentions: document.mentions, fixed: false }];
    case 'email':
      return [
        { text: document.subject, mentions: [], fixed: false },
        ...document.paragraphs.map((p) => ({ text: p.text, mentions: p.mentions ?? [], fixed: false })),
      ];
  }
}

export function documentText(document: MessageDocument): string {
  return documentParts(document).map((part) => part.text).join('\n');
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);
}

/** The e-mail's text and HTML bodies. Links are written out as text (the linter has checked them). */
export function emailBodies(document: EmailDocument): { text: string; html: string } {
  const text = document.paragraphs.map((p) => p.text).join('\n\n');
  const html = `<!doctype html><html lang="${document.locale}"><body style="font-family:sans-serif;line-height:1.5">${
    document.paragraphs.map((p) => `<p>${escapeHtml(p.text).replace(/\n/g, '<br>')}</p>`).join('')}</body></html>`;
  return { text, html };
}
