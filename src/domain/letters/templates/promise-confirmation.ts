/** Confirms a payment promise the debtor made: amount and date, nothing more asked. */
import { formatAmount, formatDate } from '../format.ts';
import { callbackBlock, compact, complaintsBlock, emailFrame, letterFrame, noticeReferenceBlock, referenceBlock, signatureBlock, smsFrame, tr } from './common.ts';
import type { TemplateContext } from './context.ts';
import type { TemplateSpec } from './template.ts';

function promiseOf(ctx: TemplateContext) {
  if (!ctx.promise) throw new RangeError('promise-confirmation needs the promise (amount and date)');
  return { amount: formatAmount(ctx.promise.amount, ctx.locale), date: formatDate(ctx.promise.dueDate, ctx.locale) };
}

export const promiseConfirmation: TemplateSpec = {
  id: 'promise-confirmation',
  title: { fr: 'Confirmation de promesse de paiement', en: 'Payment promise confirmation' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter', 'sms', 'email'],
  build(ctx, channel) {
    const { locale } = ctx;
    const p = promiseOf(ctx);
    const body = tr(locale, `Nous prenons note de votre engagement de payer ${p.amount} au plus tard le ${p.date}.`, `We have noted your promise to pay ${p.amount} by ${p.date}.`);
    switch (channel) {
      case 'letter':
        return letterFrame(ctx, 'promise-confirmation', tr(locale, 'Confirmation de votre promesse de paiement', 'Confirmation of your payment promise'), compact([
          referenceBlock(ctx), noticeReferenceBlock(ctx),
          { kind: 'paragraph', text: body },
          { kind: 'paragraph', text: tr(locale, 'Si cette échéance devient difficile à tenir, prévenez-nous avant la date : nous chercherons une autre solution avec vous.', 'If this becomes hard to keep, tell us before the date: we will look for another solution with you.') },
          callbackBlock(ctx), signatureBlock(ctx), complaintsBlock(ctx),
        ]));
      case 'sms':
        return smsFrame(ctx, 'promise-confirmation', body);
      case 'email':
        return emailFrame(ctx, 'promise-confirmation', tr(locale, 'Confirmation de votre promesse de paiement', 'Your payment promise'), [body]);
    }
  },
};
