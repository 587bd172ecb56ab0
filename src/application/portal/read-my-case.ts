/**
 * "My case": everything the debtor may see about their own case — creditor identity and address,
 * basis, amounts broken down (R124-4 3°), payments, balance, limitation in plain words, documents,
 * every contact made with its verification code, open suspensions, requests, preferences — and how
 * to pay (RF reference, EPC QR payload). Only the session's case: the actor carries it.
 */
import { epcPayload } from '../../domain/letters/epc-payload.ts';
import { rfReferenceForCase } from '../../domain/letters/rf-reference.ts';
import { limitation, type LimitationEvent, type LimitationResult, limitationCategories, type LimitationCategory } from '../../domain/limitation/index.ts';
import { cents } from '../../domain/money/index.ts';
import { notFound } from '../errors.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import type {
  MyContact, MyDocument, MyLetter, MyPayment, MyPlan, MySuspension, Preferences, RightsRequestRow,
} from '../ports/portal-repository.ts';
import type { DebtorActor, PortalDeps } from './portal-deps.ts';

export interface MyCase {
  readonly reference: string;
  readonly status: string;
  readonly category: string;
  readonly basis: { readonly contractRef: string | null; readonly date: string | null };
  readonly creditor: { readonly name: string; readonly legalName: string; readonly address: readonly string[]; readonly registrationNumber: string | null };
  readonly debtorName: string;
  readonly amounts: {
    readonly principalCents: number; readonly interestCents: number; readonly accessoriesCents: number; readonly totalCents: number;
    readonly paidCents: number; readonly waivedCents: number; readonly balanceCents: number;
  };
  readonly dueDate: string;
  readonly limitation: (Pick<LimitationResult, 'kind' | 'expiresOn' | 'status' | 'basis' | 'explanation'>) | null;
  readonly payments: readonly MyPayment[];
  readonly plans: readonly MyPlan[];
  readonly contacts: readonly MyContact[];
  readonly documents: readonly MyDocument[];
  readonly letters: readonly MyLetter[];
  readonly suspensions: readonly MySuspension[];
  readonly requests: readonly RightsRequestRow[];
  readonly preferences: Preferences;
  readonly payment: {
    readonly beneficiary: string; readonly iban: string; readonly bic: string; readonly rfReference: string; readonly amountCents: number;
    /** EPC069-12 payload (null when nothing is owed or no account is configured). */
    readonly epcPayload: string | null;
  } | null;
}

export async function readMyCase(deps: Pick<PortalDeps, 'uow' | 'clock' | 'messaging'>, actor: DebtorActor): Promise<MyCase> {
  const today = civilDateInParis(deps.clock.now());
  return deps.uow.run(async (repos) => {
    const p = repos.portal;
    const row = await p.myCase(actor.creditorId, actor.caseId);
    if (!row) throw notFound('Case');
    const [payments, plans, contacts, documents, letters, suspensions, requests, preferences] = await Promise.all([
      p.payments(row.creditorId, row.caseId), p.plans(row.creditorId, row.caseId), p.contacts(row.creditorId, row.caseId),
      p.documents(row.creditorId, row.caseId), p.letters(row.creditorId, row.caseId), p.openSuspensions(row.creditorId, row.caseId),
      p.rightsRequestsOfCase(row.creditorId, row.caseId), p.preferences(row.debtorId),
    ]);
    const total = row.principalCents + row.interestCents + row.accessoriesCents;
    const balance = Math.max(0, total - row.paidCents - row.waivedCents);
    const agency = deps.messaging.agency.profile;
    const rfReference = row.rfReference ?? rfReferenceForCase(row.caseId);
    let payment: MyCase['payment'] = null;
    if (agency) {
      let payload: string | null = null;
      try {
        payload = balance > 0 ? epcPayload({
          bic: agency.bic, beneficiaryName: agency.accountHolder.slice(0, 70), iban: agency.iban, amountCents: cents(balance), rfReference,
          note: row.creditorReference.slice(0, 70),
        }) : null;
      } catch {
        payload = null;
      }
      payment = { beneficiary: agency.accountHolder, iban: agency.iban, bic: agency.bic, rfReference, amountCents: balance, epcPayload: payload };
    }
    const d = row.debtor;
    return {
      reference: row.creditorReference,
      status: row.status,
      category: row.category,
      basis: { contractRef: row.basisContractRef, date: row.basisDate },
      creditor: row.creditor,
      debtorName: d.companyName ?? [d.civility, d.firstName, d.lastName].filter(Boolean).join(' '),
      amounts: {
        principalCents: row.principalCents, interestCents: row.interestCents, accessoriesCents: row.accessoriesCents, totalCents: total,
        paidCents: row.paidCents, waivedCents: row.waivedCents, balanceCents: balance,
      },
      dueDate: row.dueDate,
      limitation: limitationOf(row, today),
      payments, plans, contacts, documents, letters, suspensions, requests, preferences, payment,
    };
  });
}

/** The engine's limitation for the case today, from its dates and the debtor's payments and acknowledgements. */
export function limitationOf(row: {
  readonly category: string; readonly debtorType: 'consumer' | 'professional'; readonly dueDate: string; readonly firstUnpaidDate: string | null;
  readonly titleDate: string | null; readonly lastPaymentDate: string | null; readonly acknowledgementDate: string | null;
}, today: string): MyCase['limitation'] {
  if (!(limitationCategories as readonly string[]).includes(row.category)) return null;
  const events: LimitationEvent[] = [];
  if (row.lastPaymentDate) events.push({ type: 'partial_payment', date: row.lastPaymentDate });
  if (row.acknowledgementDate) events.push({ type: 'acknowledgement', date: row.acknowledgementDate });
  try {
    const result = limitation({
      category: row.category as LimitationCategory, debtorType: row.debtorType, dueDate: row.dueDate, firstUnpaidDate: row.firstUnpaidDate,
      titleDate: row.titleDate,
    }, events, today);
    return { kind: result.kind, expiresOn: result.expiresOn, status: result.status, basis: result.basis, explanation: result.explanation };
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}
