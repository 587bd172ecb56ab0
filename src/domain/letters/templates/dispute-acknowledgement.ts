/** Acknowledges a dispute: collection is paused while it is examined. */
import { formatDate } from '../format.ts';
import { callbackBlock, compact, complaintsBlock, emailFrame, letterFrame, noticeReferenceBlock, referenceBlock, signatureBlock, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const disputeAcknowledgement: TemplateSpec = {
  id: 'dispute-acknowledgement',
  title: { fr: 'Accusé de réception de contestation', en: 'Dispute acknowledgement' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter', 'email'],
  build(ctx, channel) {
    const { locale } = ctx;
    const d = ctx.dispute;
    if (!d) throw new RangeError('dispute-acknowledgement needs the dispute');
    const body = [
      tr(locale, `Nous avons bien reçu le ${formatDate(d.receivedOn, locale)} votre contestation (« ${d.reason} »).`, `We received your dispute on ${formatDate(d.receivedOn, locale)} ("${d.reason}").`),
      tr(locale, 'Nos démarches de recouvrement sont suspendues pendant son examen : vous ne recevrez ni appel ni relance. Nous transmettons votre contestation au créancier et vous répondrons par écrit, avec les justificatifs.', 'Collection is paused while we examine it: you will receive no call and no reminder. We are passing your dispute on to the creditor and will answer in writing, with the supporting documents.'),
    ];
    switch (channel) {
      case 'letter':
        return letterFrame(ctx, 'dispute-acknowledgement', tr(locale, 'Votre contestation', 'Your dispute'), compact([
          referenceBlock(ctx), noticeReferenceBlock(ctx), ...body.map((text) => ({ kind: 'paragraph' as const, text })),
          callbackBlock(ctx), signatureBlock(ctx), complaintsBlock(ctx),
        ]));
      case 'email':
        return emailFrame(ctx, 'dispute-acknowledgement', tr(locale, 'Votre contestation', 'Your dispute'), body);
      case 'sms':
        return unsupportedChannel('dispute-acknowledgement', channel);
    }
  },
};
