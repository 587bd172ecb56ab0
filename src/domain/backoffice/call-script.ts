/**
 * The call script's rules: what each outcome means for the case, and the identity check that must
 * pass before the debt is disclosed.
 *
 * Disclosure: telling a third party about someone's debt breaches their privacy (C. civ. 9; GDPR
 * Art. 5(1)(f), 32) and may be an aggressive practice (C. conso L121-7); the FCA states the same
 * duty explicitly (CONC 7.9, "check identity before disclosing details"). So an agent may only
 * record an outcome that discusses the debt once two facts from the file were confirmed by the person.
 */
import type { AttemptOutcome, SuspensionKind } from '../contact-policy/index.ts';

export const callOutcomes = [
  'no_answer', 'voicemail', 'wrong_number', 'third_party', 'conversation', 'refused_to_talk', 'promise', 'plan',
  'settlement_request', 'dispute', 'documents_requested', 'hardship', 'over_indebtedness', 'deceased',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export interface OutcomeEffect {
  /** What the compliance engine counts (caps, the 7-day pause after a conversation). */
  readonly engineOutcome: AttemptOutcome;
  /** The debt is discussed: the identity check must have passed. */
  readonly disclosesDebt: boolean;
  /** The right party was reached (KPI "right-party contact"). */
  readonly rightParty: boolean;
  /** The suspension the outcome opens at once (null: none). */
  readonly suspension: SuspensionKind | null;
}

export function outcomeEffect(outcome: CallOutcome): OutcomeEffect {
  switch (outcome) {
    case 'no_answer':
      return { engineOutcome: 'no_answer', disclosesDebt: false, rightParty: false, suspension: null };
    case 'voicemail':
      // A voicemail must not name the debt (anyone may hear it): no disclosure, counted as an attempt.
      return { engineOutcome: 'voicemail', disclosesDebt: false, rightParty: false, suspension: null };
    case 'wrong_number':
      return { engineOutcome: 'wrong_number', disclosesDebt: false, rightParty: false, suspension: null };
    case 'third_party':
      // Somebody else answered: nothing was said about the debt; an attempt, not a conversation.
      return { engineOutcome: 'no_answer', disclosesDebt: false, rightParty: false, suspension: null };
    case 'refused_to_talk':
      return { engineOutcome: 'conversation', disclosesDebt: false, rightParty: true, suspension: null };
    case 'deceased':
      // Told by a relative; the estate is handled in writing (the suspension stops calls).
      return { engineOutcome: 'conversation', disclosesDebt: false, rightParty: false, suspension: 'deceased' };
    case 'conversation':
    case 'promise':
    case 'plan':
    case 'settlement_request':
      return { engineOutcome: 'conversation', disclosesDebt: true, rightParty: true, suspension: null };
    case 'dispute':
      // CONC 7.14.1R: suspend recovery while the debt is disputed on what may be valid grounds.
      return { engineOutcome: 'conversation', disclosesDebt: true, rightParty: true, suspension: 'dispute' };
    case 'documents_requested':
      return { engineOutcome: 'conversation', disclosesDebt: true, rightParty: true, suspension: 'documents-requested' };
    case 'hardship':
      // A vulnerability pause (FR-RECOMMENDED profile, LEGAL_RULES "vulnerability mode").
      return { engineOutcome: 'conversation', disclosesDebt: true, rightParty: true, suspension: 'vulnerability' };
    case 'over_indebtedness':
      // C. conso L722-2 ff.: once a file is declared admissible, enforcement and collection stop.
      return { engineOutcome: 'conversation', disclosesDebt: true, rightParty: true, suspension: 'over-indebtedness' };
  }
}

export const identityFacts = ['birth_date', 'postcode', 'birth_place', 'contract_reference', 'email'] as const;
export type IdentityFact = (typeof identityFacts)[number];

/** Two distinct facts must match (neither the name, which the agent says, nor the phone just dialled). */
export const REQUIRED_IDENTITY_FACTS = 2;

export interface IdentityAnswer {
  readonly fact: IdentityFact;
  readonly value: string;
}

export type IdentityFile = Readonly<Partial<Record<IdentityFact, string | null>>>;

export interface IdentityCheck {
  readonly verified: boolean;
  readonly matched: readonly IdentityFact[];
  readonly mismatched: readonly IdentityFact[];
  /** Facts the file lacks: cannot be used to verify. */
  readonly unavailable: readonly IdentityFact[];
}

/** Lower case, no accents, no spaces or punctuation; dates accept DD/MM/YYYY and YYYY-MM-DD. */
export function normaliseFact(fact: IdentityFact, value: string): string {
  const trimmed = value.trim();
  if (fact === 'birth_date') {
    const french = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(trimmed);
    if (french) return `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`;
    return trimmed;
  }
  return trimmed.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9@.]/g, '');
}

export function verifyIdentity(file: IdentityFile, answers: readonly IdentityAnswer[]): IdentityCheck {
  const matched = new Set<IdentityFact>();
  const mismatched = new Set<IdentityFact>();
  const unavailable = new Set<IdentityFact>();
  for (const answer of answers) {
    const known = file[answer.fact];
    if (known === undefined || known === null || known === '') {
      unavailable.add(answer.fact);
      continue;
    }
    if (answer.value.trim() !== '' && normaliseFact(answer.fact, answer.value) === normaliseFact(answer.fact, known)) matched.add(answer.fact);
    else mismatched.add(answer.fact);
  }
  // A fact answered both right and wrong counts as wrong: guessing twice is not knowing.
  for (const fact of mismatched) matched.delete(fact);
  return {
    verified: matched.size >= REQUIRED_IDENTITY_FACTS && mismatched.size === 0,
    matched: [...matched], mismatched: [...mismatched], unavailable: [...unavailable],
  };
}
