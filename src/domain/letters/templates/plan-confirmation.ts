/** Confirms an instalment plan with its full schedule. */
import { addCents, zeroCents } from '../../money/index.ts';
import { formatAmount, formatDate } from '../format.ts';
import { callbackBlock, compact, complaintsBlock, emailFrame, letterFrame, noticeReferenceBlock, referenceBlock, signatureBlock, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const planConfirmation: TemplateSpec = {
  id: 'plan-confirmation',
  title: { fr: 'Confirmation d\'échéancier', en: 'Payment plan confirmation' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter', 'email'],
  build(ctx, channel) {
    const { locale } = ctx;
    const instalments = ctx.plan?.instalments ?? [];
    if (instalments.length === 0) throw new RangeError('plan-confirmation needs the plan\'s instalments');
    const total = instalments.reduce((sum, i) => addCents(sum, i.amount), zeroCents);
    const summary = tr(locale,
      `Nous confirmons l'échéancier convenu : ${instalments.length} versements, ${formatAmount(total, locale)} au total, du ${formatDate(instalments[0]!.dueDate, locale)} au ${formatDate(instalments[instalments.length - 1]!.dueDate, locale)}. Tant que les échéances sont respectées, aucune autre démarche de recouvrement ne sera engagée.`,
      `We confirm the agreed plan: ${instalments.length} payments, ${formatAmount(total, locale)} in all, from ${formatDate(instalments[0]!.dueDate, locale)} to ${formatDate(instalments[instalments.length - 1]!.dueDate, locale)}. As long as the instalments are paid, no other collection step will be taken.`);
    switch (channel) {
      case 'letter':
        return letterFrame(ctx, 'plan-confirmation', tr(locale, 'Confirmation de votre échéancier', 'Confirmation of your payment plan'), compact([
          referenceBlock(ctx), noticeReferenceBlock(ctx),
          { kind: 'paragraph', text: summary },
          {
            kind: 'schedule', header: [tr(locale, 'N°', 'No.'), tr(locale, 'Échéance', 'Due date'), tr(locale, 'Montant', 'Amount')],
            rows: instalments.map((i, n) => [String(n + 1), formatDate(i.dueDate, locale), formatAmount(i.amount, locale)] as const),
          },
          { kind: 'paragraph', text: tr(locale, `Chaque versement se fait par virement avec la référence ${ctx.claim.rfReference} ou sur votre espace personnel.`, `Pay each instalment by transfer quoting ${ctx.claim.rfReference} or on your personal portal.`) },
          callbackBlock(ctx), signatureBlock(ctx), complaintsBlock(ctx),
        ]));
      case 'email':
        return emailFrame(ctx, 'plan-confirmation', tr(locale, 'Confirmation de votre échéancier', 'Your payment plan'), [
          summary,
          ...instalments.map((i, n) => `${n + 1}. ${formatDate(i.dueDate, locale)} : ${formatAmount(i.amount, locale)}`),
        ]);
      case 'sms':
        return unsupportedChannel('plan-confirmation', channel);
    }
  },
};
