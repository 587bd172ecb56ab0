/** Builds a message from its template and lints it; a document with findings is never returned. */
import { emailBodies, type LetterDocument, type MessageDocument } from '../../domain/letters/document.ts';
import { lintDocument, type LintFinding } from '../../domain/letters/lint.ts';
import { templates, type TemplateChannel, type TemplateContext, type TemplateId } from '../../domain/letters/templates/index.ts';
import { toZonedDateTime, zonedCivilDate } from '../../domain/time/index.ts';
import { AppError } from '../errors.ts';

/** The agency's calendar: letter dates are civil dates in Paris. */
export const AGENCY_TIME_ZONE = 'Europe/Paris';

export function civilDateInParis(at: Date): string {
  return zonedCivilDate(toZonedDateTime(at.getTime(), AGENCY_TIME_ZONE));
}

export function composeMessage(template: TemplateId, channel: TemplateChannel, context: TemplateContext): { document: MessageDocument; findings: LintFinding[] } {
  const spec = templates[template];
  if (!spec.channels.includes(channel)) throw new AppError('validation_failed', `Template ${template} has no ${channel} version`);
  let document: MessageDocument;
  try {
    document = spec.build(context, channel);
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('validation_failed', error.message);
    throw error;
  }
  return { document, findings: lintDocument(document, { template: spec, context }) };
}

/** Composes and refuses on any linter finding (R124-7: a letter missing a mention is an offence). */
export function renderChecked(template: TemplateId, channel: TemplateChannel, context: TemplateContext): MessageDocument {
  const { document, findings } = composeMessage(template, channel, context);
  if (findings.length > 0) {
    throw new AppError('template_refused', `The ${template} ${channel} breaks ${findings.length} rule(s): ${findings.map((f) => f.rule).join(', ')}`, { findings });
  }
  return document;
}

export function asLetter(document: MessageDocument): LetterDocument {
  if (document.channel !== 'letter') throw new Error(`expected a letter, got ${document.channel}`);
  return document;
}

export function textOf(document: MessageDocument): { subject: string | null; text: string; html: string | null } {
  switch (document.channel) {
    case 'sms':
      return { subject: null, text: document.text, html: null };
    case 'email': {
      const bodies = emailBodies(document);
      return { subject: document.subject, text: bodies.text, html: bodies.html };
    }
    case 'letter':
      return { subject: document.title, text: document.blocks.map((b) => ('text' in b ? b.text : '')).filter(Boolean).join('\n\n'), html: null };
  }
}

/** `LR-20270301-0A1B2C3D4E5F`: date and the tail of the outbox id (unique, and short enough to quote). */
export function messageReference(channel: TemplateChannel, date: string, outboxId: string): string {
  const tail = outboxId.replace(/-/g, '').slice(-12).toUpperCase();
  return `${channel === 'letter' ? 'LR' : 'MSG'}-${date.replace(/-/g, '')}-${tail}`;
}
