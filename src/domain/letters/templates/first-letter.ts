/** The R124-4 first letter: every mention the article lists, the L111-8 text, the payment block. */
import { compact, amountsBlock, basisBlock, callbackBlock, claimTotal, collectorBlock, complaintsBlock, creditorBlock, demandBlock, gdprBlock, l1118Blocks, letterFrame, noFeesBlock, paymentBlock, portalBlock, referenceBlock, signatureBlock, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const firstLetter: TemplateSpec = {
  id: 'first-letter',
  title: { fr: 'Première lettre (R124-4)', en: 'First letter (R124-4)' },
  purpose: 'collection', firstLetter: true, asksForPayment: true, timeBarred: false,
  channels: ['letter'],
  build(ctx, channel) {
    if (channel !== 'letter') return unsupportedChannel('first-letter', channel);
    const { locale } = ctx;
    const total = claimTotal(ctx);
    return letterFrame(ctx, 'first-letter', tr(locale, 'Demande de paiement — recouvrement amiable', 'Request for payment — amicable debt collection'), compact([
      referenceBlock(ctx),
      { kind: 'paragraph', text: tr(locale, 'Madame, Monsieur,', 'Dear Sir or Madam,') },
      collectorBlock(ctx),
      creditorBlock(ctx),
      { kind: 'paragraph', text: tr(locale, 'Votre créancier nous a confié le recouvrement amiable de la créance suivante, qui reste impayée :', 'Your creditor has asked us to collect amicably the following claim, which remains unpaid:') },
      basisBlock(ctx),
      amountsBlock(ctx),
      noFeesBlock(ctx),
      demandBlock(ctx, total),
      paymentBlock(ctx, total),
      portalBlock(ctx),
      callbackBlock(ctx),
      { kind: 'paragraph', text: tr(locale, 'Si vous contestez cette créance, ou si vous l\'avez déjà payée, dites-le-nous sur votre espace personnel ou par courrier : nous suspendrons nos démarches le temps de vérifier.', 'If you dispute this claim, or have already paid it, tell us on your personal portal or by letter: we will pause while we check.') },
      signatureBlock(ctx),
      ...l1118Blocks(ctx),
      gdprBlock(ctx),
      complaintsBlock(ctx),
    ]));
  },
};
