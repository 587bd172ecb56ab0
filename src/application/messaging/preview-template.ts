/**
 * The back office's template preview: a template rendered for a real case (or the built-in sample),
 * with the linter's findings. Nothing is written: the preview is what would be sent, not a send.
 */
import { rfReferenceForCase } from '../../domain/letters/rf-reference.ts';
import { templates, type TemplateChannel, type TemplateId } from '../../domain/letters/templates/index.ts';
import { sampleContext, sampleLaterContext } from '../../domain/letters/templates/sample-context.ts';
import type { Locale } from '../../domain/letters/format.ts';
import type { LintFinding } from '../../domain/letters/lint.ts';
import type { MessageDocument } from '../../domain/letters/document.ts';
import type { Actor } from '../actor.ts';
import { getCase } from '../cases/read-cases.ts';
import { AppError, notFound } from '../errors.ts';
import { requireAgency, type MessagingDeps } from './messaging-deps.ts';
import { civilDateInParis, composeMessage, messageReference, textOf } from './render-message.ts';
import { buildTemplateContext, usableContactPoint } from './template-context.ts';

export interface TemplatePreview {
  readonly template: TemplateId;
  readonly channel: TemplateChannel;
  readonly locale: Locale;
  readonly document: MessageDocument;
  readonly findings: readonly LintFinding[];
  readonly subject: string | null;
  readonly text: string;
  readonly html: string | null;
}

export function listTemplates() {
  return Object.values(templates).map((t) => ({
    id: t.id, title: t.title, channels: [...t.channels], purpose: t.purpose, firstLetter: t.firstLetter, asksForPayment: t.asksForPayment,
  }));
}

export async function previewTemplate(
  deps: Pick<MessagingDeps, 'uow' | 'clock' | 'agency'>,
  actor: Actor,
  input: { template: TemplateId; channel: TemplateChannel; locale: Locale; caseId?: string },
): Promise<TemplatePreview> {
  const spec = templates[input.template];
  if (!spec) throw notFound('Template');
  if (!spec.channels.includes(input.channel)) throw new AppError('validation_failed', `Template ${input.template} has no ${input.channel} version`);
  const agency = requireAgency(deps.agency);
  const sample = spec.firstLetter ? sampleContext : sampleLaterContext;
  let context = { ...sample, agency, locale: input.locale };
  if (input.caseId) {
    const caseId = input.caseId;
    const now = deps.clock.now();
    context = await deps.uow.run(async (repos) => {
      await getCase(repos, actor, caseId);
      const kase = await repos.messaging.loadCase(caseId);
      if (!kase) throw notFound('Case');
      const first = await repos.messaging.findFirstLetter(caseId);
      const date = civilDateInParis(now);
      const built = buildTemplateContext(kase, agency, {
        locale: input.locale, date, reference: messageReference(input.channel, date, '00000000-0000-7000-8000-000000000000'),
        rfReference: kase.rfReference ?? rfReferenceForCase(kase.caseId),
        firstLetter: first ? { reference: first.reference, date: civilDateInParis(first.sentAt) } : null,
        verificationCode: input.channel === 'letter' ? null : 'XXXX-XXXX', postal: usableContactPoint(kase, 'postal', now),
      });
      // Template-specific data the case does not hold yet comes from the sample, marked as such in the UI.
      return { ...sample, ...built, accessCode: spec.firstLetter ? 'XXXX-XXXX-XXXX' : null };
    });
  }
  const { document, findings } = composeMessage(input.template, input.channel, context);
  return { template: input.template, channel: input.channel, locale: input.locale, document, findings, ...textOf(document) };
}
