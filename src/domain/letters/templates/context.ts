/**
 * What a template is given: a snapshot of the agency, the creditor, the debtor and the claim, taken when
 * the message is enqueued and stored with it (the outbox payload), so a retry or a reprint renders the
 * same words. Pure data: no clock, no database.
 */
import type { Cents } from '../../money/index.ts';
import type { Locale } from '../format.ts';

/** Who sends: an amicable collector (the default) or a commissaire de justice acting as one. */
export type SenderRole = 'amicable_collector' | 'commissaire_de_justice';

export interface AgencyProfile {
  /** Trade name and legal form: "Amiable Recouvrement", "SAS". */
  readonly name: string;
  readonly legalForm: string;
  /** "RCS Paris 912 345 678". */
  readonly registration: string;
  readonly addressLines: readonly string[];
  readonly postcode: string;
  readonly city: string;
  /** Official callback number, E.164; geographic or free (validated at boot and by the linter). */
  readonly phone: string;
  /** The complaints service's e-mail address. */
  readonly complaintsEmail: string;
  /** R124-2: the account used exclusively for funds collected for creditors. */
  readonly iban: string;
  readonly bic: string;
  readonly accountHolder: string;
  /** How to reach the data-protection officer (GDPR Art. 14(1)(b)). */
  readonly dpoContact: string;
  /** The consumer mediator the agency has joined (C. conso L612-1). */
  readonly mediator: string;
  /** The debtor portal's address (its host is the only one links may point to). */
  readonly portalUrl: string;
  readonly role: SenderRole;
}

export interface ClaimSnapshot {
  readonly caseId: string;
  readonly creditorReference: string;
  readonly category: string;
  readonly basisRef: string | null;
  readonly basisDate: string | null;
  readonly principal: Cents;
  readonly interest: Cents;
  readonly accessories: Cents;
  /** What is still owed (total less payments received). */
  readonly balance: Cents;
  readonly dueDate: string;
  readonly rfReference: string;
  readonly limitationExpiresOn: string | null;
}

export interface TemplateContext {
  readonly locale: Locale;
  /** The letter's or message's date, a civil date in the agency's calendar. */
  readonly date: string;
  /** This message's own reference (letters: printed and quoted by every later step). */
  readonly reference: string;
  readonly agency: AgencyProfile;
  readonly creditor: {
    readonly name: string;
    readonly legalName: string;
    readonly addressLines: readonly string[];
    readonly postcode: string;
    readonly city: string;
    /** A credit institution may mention an FICP declaration (LEGAL_RULES.md 7e); nobody else may. */
    readonly isCreditInstitution: boolean;
  };
  readonly debtor: { readonly displayName: string; readonly postalLines: readonly string[] };
  readonly claim: ClaimSnapshot;
  /** The first letter's reference and date, quoted by every later message (R124-4, last paragraph). */
  readonly firstLetter: { readonly reference: string; readonly date: string } | null;
  /** Portal access code, printed on the first letter only (stored hashed). */
  readonly accessCode: string | null;
  /** Where the debtor's data came from (GDPR Art. 14(2)(f)). */
  readonly dataSources: readonly { readonly label: string; readonly date: string }[];
  /** Short code printed in SMS and e-mails, checked on the portal ("is this message really from us?"). */
  readonly verificationCode: string | null;
  readonly promise?: { readonly amount: Cents; readonly dueDate: string };
  readonly plan?: { readonly instalments: readonly { readonly dueDate: string; readonly amount: Cents }[] };
  readonly payment?: { readonly receiptNumber: string; readonly amount: Cents; readonly receivedOn: string; readonly method: string; readonly balanceAfter: Cents };
  /** `outcome`: how a compliance officer resolved the dispute (the `dispute-outcome` notice). */
  readonly dispute?: { readonly receivedOn: string; readonly reason: string; readonly outcome?: 'upheld' | 'rejected' };
  readonly documentsRequest?: { readonly receivedOn: string };
  readonly timeBarred?: { readonly expiredOn: string };
  readonly certificate?: { readonly closedOn: string; readonly totalPaid: Cents; readonly verificationCode: string; readonly checkUrl: string };
}
