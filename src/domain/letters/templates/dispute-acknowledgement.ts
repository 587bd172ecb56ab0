/** Acknowledges a dispute: collection is paused while it is examined. */
import { formatDate } from '../format.ts';
import { informationMessage, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const disputeAcknowledgement: TemplateSpec = {
  id: 'dispute-acknowledgement',
  title: { fr: 'Accusé de réception de contestation', en: 'Dispute acknowledgement' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter', 'email'],
  build(ctx, channel) {
    if (channel === 'sms') return unsupportedChannel('dispute-acknowledgement', channel);
    const { locale } = ctx;
    const d = ctx.dispute;
    if (!d) throw new RangeError('dispute-acknowledgement needs the dispute');
    return informationMessage(ctx, 'dispute-acknowledgement', channel, {
      title: tr(locale, 'Votre contestation', 'Your dispute'),
      body: [
        tr(locale, `Nous avons bien reçu le ${formatDate(d.receivedOn, locale)} votre contestation (« ${d.reason} »).`, `We received your dispute on ${formatDate(d.receivedOn, locale)} ("${d.reason}").`),
        tr(locale, 'Nos démarches de recouvrement sont suspendues pendant son examen : vous ne recevrez ni appel ni relance. Nous transmettons votre contestation au créancier et vous répondrons par écrit, avec les justificatifs.', 'Collection is paused while we examine it: you will receive no call and no reminder. We are passing your dispute on to the creditor and will answer in writing, with the supporting documents.'),
      ],
    });
  },
};
