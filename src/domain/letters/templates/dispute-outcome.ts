/**
 * Tells the debtor how their dispute was resolved (issue #6): upheld, the case is closed and nothing is
 * owed on it; rejected, collection resumes — the debtor is told before any new contact, with the way to
 * ask for the supporting documents and to contest again (a debtor must never learn of a resumption by a
 * call).
 */
import { formatDate } from '../format.ts';
import { informationMessage, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const disputeOutcome: TemplateSpec = {
  id: 'dispute-outcome',
  title: { fr: 'Réponse à votre contestation', en: 'Answer to your dispute' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter', 'email'],
  build(ctx, channel) {
    if (channel === 'sms') return unsupportedChannel('dispute-outcome', channel);
    const { locale } = ctx;
    const d = ctx.dispute;
    if (!d) throw new RangeError('dispute-outcome needs the dispute');
    const received = formatDate(d.receivedOn, locale);
    const body = (d.outcome ?? 'rejected') === 'upheld'
      ? [
        tr(locale, `Nous avons examiné votre contestation reçue le ${received} (« ${d.reason} ») : elle est fondée.`, `We have examined your dispute received on ${received} ("${d.reason}"): it is upheld.`),
        tr(locale, 'Votre dossier est clos : vous ne devez rien au titre de cette réclamation et vous ne serez plus contacté à son sujet.', 'Your case is closed: you owe nothing on this claim and you will not be contacted about it again.'),
      ]
      : [
        tr(locale, `Nous avons examiné avec le créancier votre contestation reçue le ${received} (« ${d.reason} ») : il maintient sa créance.`, `We have examined your dispute received on ${received} ("${d.reason}") with the creditor: the creditor maintains the claim.`),
        tr(locale, 'Les démarches de recouvrement amiable reprennent à compter de ce courrier. Vous pouvez demander les justificatifs de la créance, contester à nouveau en joignant vos pièces, ou proposer un échéancier depuis votre espace en ligne.', 'Amicable collection resumes from this letter. You may ask for the documents supporting the claim, dispute it again with your evidence, or propose a payment plan from your online space.'),
      ];
    return informationMessage(ctx, 'dispute-outcome', channel, { title: tr(locale, 'Réponse à votre contestation', 'Answer to your dispute'), body });
  },
};
