/** The ports the payment use cases need. */
import type { MessagingDeps } from '../messaging/messaging-deps.ts';

export type PaymentDeps = Pick<MessagingDeps, 'uow' | 'clock' | 'codes' | 'agency' | 'secrets'>;

/** How the receipt names the means of payment (R124-6 receipts are in the debtor's language). */
export const methodLabels = {
  card: { fr: 'carte bancaire', en: 'card' },
  transfer: { fr: 'virement', en: 'bank transfer' },
  direct_debit: { fr: 'prélèvement', en: 'direct debit' },
  cheque: { fr: 'chèque', en: 'cheque' },
  cash: { fr: 'espèces', en: 'cash' },
  creditor_direct: { fr: 'paiement reçu par le créancier', en: 'paid to the creditor directly' },
  manual: { fr: 'paiement enregistré par un agent', en: 'payment recorded by an agent' },
} as const;
