/**
 * Reason codes of returned transfers and direct debits (ISO 20022 ExternalReturnReason1Code, as used
 * by the EPC SEPA Credit Transfer and SEPA Direct Debit rulebooks, "R-transactions"). A return puts
 * the money back: the booked payment is reversed whatever the code; the code says why, for the agent.
 */
export interface ReturnReason {
  readonly code: string;
  readonly label: { readonly fr: string; readonly en: string };
}

const reasons: readonly ReturnReason[] = [
  { code: 'AC01', label: { fr: 'IBAN incorrect', en: 'Incorrect account number' } },
  { code: 'AC04', label: { fr: 'Compte clôturé', en: 'Closed account' } },
  { code: 'AC06', label: { fr: 'Compte bloqué', en: 'Blocked account' } },
  { code: 'AG01', label: { fr: 'Opération interdite sur ce compte', en: 'Transaction forbidden on this account' } },
  { code: 'AM04', label: { fr: 'Provision insuffisante', en: 'Insufficient funds' } },
  { code: 'AM05', label: { fr: 'Opération en double', en: 'Duplicate' } },
  { code: 'MD01', label: { fr: 'Pas de mandat', en: 'No mandate' } },
  { code: 'MD06', label: { fr: 'Remboursement demandé par le débiteur', en: 'Refund requested by the debtor' } },
  { code: 'MD07', label: { fr: 'Titulaire du compte décédé', en: 'Account holder deceased' } },
  { code: 'MS02', label: { fr: 'Refus du débiteur (raison non communiquée)', en: 'Refused by the debtor (reason not given)' } },
  { code: 'MS03', label: { fr: 'Raison non communiquée par la banque', en: 'Reason not specified by the bank' } },
  { code: 'RC01', label: { fr: 'BIC incorrect', en: 'Incorrect BIC' } },
  { code: 'RR04', label: { fr: 'Raison réglementaire', en: 'Regulatory reason' } },
  { code: 'SL01', label: { fr: 'Service spécifique de la banque du débiteur', en: 'Specific service of the debtor\'s bank' } },
  { code: 'FOCR', label: { fr: 'Retour après demande d\'annulation', en: 'Return following a cancellation request' } },
];

const byCode = new Map(reasons.map((r) => [r.code, r]));

/** The reason for a code; an unknown code is kept as it is, labelled as such (never dropped). */
export function returnReason(code: string): ReturnReason {
  const upper = code.trim().toUpperCase();
  return byCode.get(upper) ?? { code: upper, label: { fr: `Motif ${upper}`, en: `Reason ${upper}` } };
}

export const knownReturnReasonCodes: readonly string[] = reasons.map((r) => r.code);
