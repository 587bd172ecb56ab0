/**
 * Attestation de régularisation: the claim is settled. It carries a verification code and a QR code
 * pointing to the portal's certificate check, so a landlord or a bank can check it is genuine.
 */
import { formatAmount, formatDate } from '../format.ts';
import { callbackBlock, compact, complaintsBlock, letterFrame, noticeReferenceBlock, referenceBlock, signatureBlock, tr } from './common.ts';
import { unsupportedChannel, type TemplateSpec } from './template.ts';

export const settlementCertificate: TemplateSpec = {
  id: 'settlement-certificate',
  title: { fr: 'Attestation de régularisation', en: 'Settlement certificate' },
  purpose: 'information', firstLetter: false, asksForPayment: false, timeBarred: false,
  channels: ['letter'],
  build(ctx, channel) {
    if (channel !== 'letter') return unsupportedChannel('settlement-certificate', channel);
    const { locale } = ctx;
    const c = ctx.certificate;
    if (!c) throw new RangeError('settlement-certificate needs the certificate data');
    return letterFrame(ctx, 'settlement-certificate', tr(locale, 'Attestation de régularisation', 'Settlement certificate'), compact([
      referenceBlock(ctx), noticeReferenceBlock(ctx),
      { kind: 'paragraph', text: tr(locale,
        `${ctx.agency.name}, agissant pour le compte de ${ctx.creditor.legalName}, atteste que ${ctx.debtor.displayName} a réglé la créance du dossier ${ctx.claim.creditorReference} (${formatAmount(c.totalPaid, locale)} reçus). Le dossier est clos depuis le ${formatDate(c.closedOn, locale)} et plus rien n'est dû à ce titre.`,
        `${ctx.agency.name}, acting for ${ctx.creditor.legalName}, certifies that ${ctx.debtor.displayName} has settled the claim of case ${ctx.claim.creditorReference} (${formatAmount(c.totalPaid, locale)} received). The case has been closed since ${formatDate(c.closedOn, locale)} and nothing more is owed for it.`) },
      { kind: 'fields', rows: [{ label: tr(locale, 'Code de vérification :', 'Verification code:'), value: c.verificationCode }] },
      { kind: 'qr', payload: c.checkUrl, caption: tr(locale, `Vérifiez cette attestation : ${c.checkUrl}`, `Check this certificate: ${c.checkUrl}`) },
      callbackBlock(ctx), signatureBlock(ctx), complaintsBlock(ctx),
    ]));
  },
};
