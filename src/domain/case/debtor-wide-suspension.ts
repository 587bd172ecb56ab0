/**
 * Suspensions that concern the person rather than one claim: opened on one case, they stop every open
 * case of the same debtor, whichever creditor holds it.
 *
 * - `over-indebtedness` (law): once an over-indebtedness file is declared admissible, enforcement
 *   against the debtor's assets is suspended and forbidden (C. conso L722-2) and the debtor is forbidden
 *   to pay debts that arose before (L722-5). Both concern all the debtor's debts, not the one the
 *   declaration was made about; asking for any of them pushes the debtor to break L722-5.
 * - `deceased` (policy): a dead person is not contacted. The debts pass to the estate (C. civ. 724,
 *   873) and are claimed from the heirs or the notary, not by calls and texts to the deceased's
 *   numbers, which reach bereaved relatives.
 *
 * The others (a dispute, a documents request, a vulnerability pause, written contact only) are about
 * one claim or one relationship and stay on their case.
 */
export const debtorWideSuspensionKinds = ['over-indebtedness', 'deceased'] as const;
export type DebtorWideSuspensionKind = (typeof debtorWideSuspensionKinds)[number];

export function isDebtorWideSuspension(kind: string): kind is DebtorWideSuspensionKind {
  return (debtorWideSuspensionKinds as readonly string[]).includes(kind);
}

/**
 * The reason written on each other case. Fixed wording, never the text typed on the first case: that
 * case may belong to another creditor, and its details (or its existence) are not this creditor's to read.
 */
export function debtorWideSuspensionReason(kind: DebtorWideSuspensionKind): string {
  switch (kind) {
    case 'over-indebtedness':
      return 'Over-indebtedness declared for this debtor: every debt is suspended (C. conso L722-2, L722-5)';
    case 'deceased':
      return 'Death of the debtor declared: no contact on any of their cases (claims pass to the estate, C. civ. 724)';
  }
}
