/** R124-6: a receipt for every payment, with what is left to pay. */
import { formatAmount, formatDate } from '../format.ts';
import { callbackBlock, compact, complaintsBlock, emailFrame, letterFrame, noticeReferenceBlock, referenceBlock, signatureBlock, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const paymentReceipt: TemplateSpec = {
  id: 'payment-receipt',
  title: { fr: 'Quittance de paiement (R124-6)', en: 'Payment receipt (R124-6)' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter', 'email'],
  build(ctx, channel) {
    const { locale } = ctx;
    const p = ctx.payment;
    if (!p) throw new RangeError('payment-receipt needs the payment');
    const rows = [
      { label: tr(locale, 'Quittance n° :', 'Receipt no.:'), value: p.receiptNumber },
      { label: tr(locale, 'Montant reçu :', 'Amount received:'), value: formatAmount(p.amount, locale) },
      { label: tr(locale, 'Reçu le :', 'Received on:'), value: formatDate(p.receivedOn, locale) },
      { label: tr(locale, 'Moyen de paiement :', 'Means of payment:'), value: p.method },
      { label: tr(locale, 'Reste dû :', 'Balance still due:'), value: formatAmount(p.balanceAfter, locale) },
    ];
    const statement = tr(locale,
      `${ctx.agency.name} reconnaît avoir reçu de ${ctx.debtor.displayName}, pour le compte de ${ctx.creditor.legalName}, la somme de ${formatAmount(p.amount, locale)} au titre du dossier ${ctx.claim.creditorReference}.`,
      `${ctx.agency.name} acknowledges receipt from ${ctx.debtor.displayName}, on behalf of ${ctx.creditor.legalName}, of ${formatAmount(p.amount, locale)} for case ${ctx.claim.creditorReference}.`);
    switch (channel) {
      case 'letter':
        return letterFrame(ctx, 'payment-receipt', tr(locale, 'Quittance', 'Receipt'), compact([
          referenceBlock(ctx), noticeReferenceBlock(ctx),
          { kind: 'paragraph', text: statement },
          { kind: 'fields', rows },
          { kind: 'paragraph', small: true, text: tr(locale, 'Quittance délivrée en application de l\'article R124-6 du code des procédures civiles d\'exécution.', 'Receipt issued under article R124-6 of the French code of civil enforcement procedures.') },
          callbackBlock(ctx), signatureBlock(ctx), complaintsBlock(ctx),
        ]));
      case 'email':
        return emailFrame(ctx, 'payment-receipt', tr(locale, 'Quittance de paiement', 'Payment receipt'), [statement, ...rows.map((r) => `${r.label} ${r.value}`)]);
      case 'sms':
        return unsupportedChannel('payment-receipt', channel);
    }
  },
};
