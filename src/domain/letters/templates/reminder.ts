/** A reminder after the first letter: the balance, how to pay, and the first letter's reference. */
import { formatAmount, formatDate } from '../format.ts';
import { callbackBlock, compact, complaintsBlock, demandBlock, emailFrame, letterFrame, noticeReferenceBlock, paymentBlock, referenceBlock, signatureBlock, smsFrame, tr } from './common.ts';
import type { TemplateSpec } from './template.ts';

export const reminder: TemplateSpec = {
  id: 'reminder',
  title: { fr: 'Relance', en: 'Reminder' },
  purpose: 'collection', firstLetter: false, asksForPayment: true, timeBarred: false,
  channels: ['letter', 'sms', 'email'],
  build(ctx, channel) {
    const { locale, claim } = ctx;
    const balance = formatAmount(claim.balance, locale);
    switch (channel) {
      case 'letter':
        return letterFrame(ctx, 'reminder', tr(locale, 'Relance — recouvrement amiable', 'Reminder — amicable debt collection'), compact([
          referenceBlock(ctx),
          noticeReferenceBlock(ctx),
          { kind: 'paragraph', text: tr(locale, `Sauf erreur de notre part, la somme de ${balance} reste due à ${ctx.creditor.legalName} (dossier ${claim.creditorReference}).`, `Unless we are mistaken, ${balance} is still owed to ${ctx.creditor.legalName} (case ${claim.creditorReference}).`) },
          demandBlock(ctx, claim.balance),
          paymentBlock(ctx, claim.balance),
          callbackBlock(ctx),
          signatureBlock(ctx),
          complaintsBlock(ctx),
        ]));
      case 'sms':
        return smsFrame(ctx, 'reminder', tr(locale, `${balance} restent dus à ${ctx.creditor.name} (dossier ${claim.creditorReference}). Payer ou proposer un échéancier :`, `${balance} is still owed to ${ctx.creditor.name} (case ${claim.creditorReference}). Pay or propose a plan:`));
      case 'email':
        return emailFrame(ctx, 'reminder', tr(locale, 'Relance', 'Reminder'), [
          tr(locale, `Sauf erreur de notre part, la somme de ${balance} reste due à ${ctx.creditor.legalName} depuis le ${formatDate(claim.dueDate, locale)}.`, `Unless we are mistaken, ${balance} has been owed to ${ctx.creditor.legalName} since ${formatDate(claim.dueDate, locale)}.`),
          tr(locale, 'Vous pouvez payer ou proposer un échéancier adapté à votre budget sur votre espace personnel. Si vous contestez cette somme, dites-le-nous : nous suspendrons nos démarches le temps de vérifier.', 'You can pay or propose a payment plan that fits your budget on your personal portal. If you dispute this amount, tell us: we will pause while we check.'),
        ]);
    }
  },
};
