/**
 * The claim is time-barred (prescribed or forclos): say so plainly, ask for nothing, threaten nothing
 * (LEGAL_RULES.md row 4; the DGCCRF treats chasing such claims as misleading).
 */
import { formatAmount, formatDate } from '../format.ts';
import { callbackBlock, compact, complaintsBlock, letterFrame, noticeReferenceBlock, referenceBlock, signatureBlock, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const timeBarredNotice: TemplateSpec = {
  id: 'time-barred-notice',
  title: { fr: 'Information : créance prescrite ou forclose', en: 'Notice: time-barred claim' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: true,
  channels: ['letter'],
  build(ctx, channel) {
    if (channel !== 'letter') return unsupportedChannel('time-barred-notice', channel);
    const { locale } = ctx;
    const expired = ctx.timeBarred?.expiredOn ?? ctx.claim.limitationExpiresOn;
    if (!expired) throw new RangeError('time-barred-notice needs the date the limitation period ended');
    return letterFrame(ctx, 'time-barred-notice', tr(locale, 'Information sur votre dossier', 'Information about your case'), compact([
      referenceBlock(ctx), noticeReferenceBlock(ctx),
      { kind: 'paragraph', text: tr(locale,
        `Le délai pendant lequel ${ctx.creditor.legalName} pouvait agir pour la créance de ${formatAmount(ctx.claim.balance, locale)} (dossier ${ctx.claim.creditorReference}) a expiré le ${formatDate(expired, locale)}. La créance est prescrite ou forclose : nous cessons toute démarche de recouvrement et clôturons le dossier.`,
        `The period in which ${ctx.creditor.legalName} could act on the claim of ${formatAmount(ctx.claim.balance, locale)} (case ${ctx.claim.creditorReference}) ended on ${formatDate(expired, locale)}. The claim is time-barred: we are stopping all collection and closing the case.`) },
      { kind: 'paragraph', text: tr(locale, 'Vous n\'avez aucune démarche à faire. Nous ne vous contacterons plus au sujet de cette créance.', 'You do not need to do anything. We will not contact you about this claim again.') },
      callbackBlock(ctx), signatureBlock(ctx), complaintsBlock(ctx),
    ]));
  },
};
