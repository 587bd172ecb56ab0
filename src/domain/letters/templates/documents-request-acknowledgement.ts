/** Acknowledges a request for documents: calls stop until the documents are provided. */
import { formatDate } from '../format.ts';
import { informationMessage, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const documentsRequestAcknowledgement: TemplateSpec = {
  id: 'documents-request-acknowledgement',
  title: { fr: 'Accusé de réception de demande de justificatifs', en: 'Documents request acknowledgement' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter', 'email'],
  build(ctx, channel) {
    if (channel === 'sms') return unsupportedChannel('documents-request-acknowledgement', channel);
    const { locale } = ctx;
    const r = ctx.documentsRequest;
    if (!r) throw new RangeError('documents-request-acknowledgement needs the request');
    return informationMessage(ctx, 'documents-request-acknowledgement', channel, {
      title: tr(locale, 'Votre demande de justificatifs', 'Your request for documents'),
      body: [
        tr(locale, `Nous avons bien reçu le ${formatDate(r.receivedOn, locale)} votre demande de justificatifs de la créance.`, `We received your request for documents supporting the claim on ${formatDate(r.receivedOn, locale)}.`),
        tr(locale, 'Nous les demandons au créancier (contrat, relevés, le cas échéant l\'acte de cession) et vous les adresserons dès réception. D\'ici là, nous ne vous appellerons pas. Vous pouvez aussi obtenir une copie de vos données personnelles (RGPD art. 15) sur votre espace personnel.', 'We are asking the creditor for them (contract, statements, any deed of assignment) and will send them to you as soon as we have them. Until then we will not call you. You can also get a copy of your personal data (GDPR Art. 15) on your personal portal.'),
      ],
    });
  },
};
