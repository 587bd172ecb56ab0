/** Confirms a payment promise the debtor made: amount and date, nothing more asked. */
import { formatAmount, formatDate } from '../format.ts';
import { informationMessage, tr } from './common.ts';
import type { TemplateSpec } from './template.ts';

export const promiseConfirmation: TemplateSpec = {
  id: 'promise-confirmation',
  title: { fr: 'Confirmation de promesse de paiement', en: 'Payment promise confirmation' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter', 'sms', 'email'],
  build(ctx, channel) {
    const { locale } = ctx;
    if (!ctx.promise) throw new RangeError('promise-confirmation needs the promise (amount and date)');
    const amount = formatAmount(ctx.promise.amount, locale);
    const date = formatDate(ctx.promise.dueDate, locale);
    const body = tr(locale, `Nous prenons note de votre engagement de payer ${amount} au plus tard le ${date}.`, `We have noted your promise to pay ${amount} by ${date}.`);
    const advice = tr(locale, 'Si cette échéance devient difficile à tenir, prévenez-nous avant la date : nous chercherons une autre solution avec vous.', 'If this becomes hard to keep, tell us before the date: we will look for another solution with you.');
    return informationMessage(ctx, 'promise-confirmation', channel, {
      title: tr(locale, 'Confirmation de votre promesse de paiement', 'Confirmation of your payment promise'),
      body: channel === 'sms' ? [body] : [body, advice],
    });
  },
};
