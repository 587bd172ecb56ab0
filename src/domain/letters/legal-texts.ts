/**
 * Texts the law requires word for word. They are constants, never template parameters: a template
 * places them as `fixed` blocks that nobody can edit, and the linter compares them character by
 * character.
 */

/**
 * CPCE-exéc L111-8, paragraphs 2 and 3, as amended by loi 2014-344 art. 12, which R124-4 5° requires
 * the first letter to reproduce (LEGAL_RULES.md row 3c).
 */
export const L111_8_PARAGRAPHS: readonly [string, string] = [
  'Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier, sauf s\'ils concernent un acte dont l\'accomplissement est prescrit par la loi au créancier. Toute stipulation contraire est réputée non écrite, sauf disposition législative contraire.',
  'Cependant, le créancier qui justifie du caractère nécessaire des démarches entreprises pour recouvrer sa créance peut demander au juge de l\'exécution de laisser tout ou partie des frais ainsi exposés à la charge du débiteur de mauvaise foi.',
];

/** An unofficial English rendering shown next to (never instead of) the French text. */
export const L111_8_ENGLISH: readonly [string, string] = [
  'Collection costs incurred without an enforceable title remain payable by the creditor, unless they concern an act the law requires of the creditor. Any contrary clause is deemed unwritten, unless a statute provides otherwise.',
  'However, a creditor who proves that the steps taken to recover the claim were necessary may ask the enforcement judge to leave all or part of the costs so incurred to a debtor acting in bad faith.',
];
