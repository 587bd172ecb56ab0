/**
 * Turns a case read from the database into the snapshot a template renders: debtor name and postal
 * address, creditor, amounts, RF reference, the sources of the data (GDPR Art. 14(2)(f)).
 */
import { cents } from '../../domain/money/index.ts';
import { addCents } from '../../domain/money/index.ts';
import type { Locale } from '../../domain/letters/format.ts';
import type { AgencyProfile, TemplateContext } from '../../domain/letters/templates/index.ts';
import type { CaseForMessaging, ContactPointFacts, ContactPointRecord } from '../ports/messaging-repository.ts';

export function debtorDisplayName(kase: CaseForMessaging): string {
  const d = kase.debtor;
  if (d.companyName) return d.companyName;
  return [d.civility, d.firstName, d.lastName].filter(Boolean).join(' ');
}

export function postalLines(point: ContactPointRecord): string[] {
  const postal = point.postal;
  if (!postal?.postcode) return point.value.split(',').map((s) => s.trim()).filter(Boolean);
  return [...(postal.lines ?? []), `${postal.postcode} ${postal.city ?? ''}`.trim(), ...(postal.country && postal.country !== 'FR' ? [postal.country] : [])];
}

/** The usable contact point of a kind: not wrong, not invalid, not expired; the primary one first. */
export function usableContactPoint<P extends ContactPointFacts>(kase: { readonly contactPoints: readonly P[] }, kind: ContactPointRecord['kind'], now: Date): P | null {
  const usable = kase.contactPoints.filter((p) => p.kind === kind && p.status !== 'wrong' && p.status !== 'invalid' && (p.validUntil === null || p.validUntil > now));
  return usable.find((p) => p.isPrimary) ?? usable[0] ?? null;
}

function dataSources(kase: CaseForMessaging): { label: string; date: string }[] {
  const seen = new Map<string, string>();
  for (const source of Object.values(kase.debtor.fieldSources)) {
    if (source?.label && !seen.has(source.label)) seen.set(source.label, (source.at ?? '').slice(0, 10));
  }
  for (const point of kase.contactPoints) {
    if (point.sourceLabel && !seen.has(point.sourceLabel)) seen.set(point.sourceLabel, point.sourceAt.toISOString().slice(0, 10));
  }
  return [...seen].filter(([, date]) => /^\d{4}-\d{2}-\d{2}$/.test(date)).map(([label, date]) => ({ label, date }));
}

export interface ContextOptions {
  readonly locale: Locale;
  readonly date: string;
  readonly reference: string;
  readonly rfReference: string;
  readonly firstLetter: { readonly reference: string; readonly date: string } | null;
  readonly verificationCode: string | null;
  readonly postal: ContactPointRecord | null;
  readonly extras?: Partial<Pick<TemplateContext, 'promise' | 'plan' | 'payment' | 'dispute' | 'documentsRequest' | 'timeBarred' | 'certificate'>>;
}

export function buildTemplateContext(kase: CaseForMessaging, agency: AgencyProfile, options: ContextOptions): TemplateContext {
  const principal = cents(kase.principalCents);
  const interest = cents(kase.interestCents);
  const accessories = cents(kase.accessoriesCents);
  const c = kase.creditor;
  return {
    locale: options.locale, date: options.date, reference: options.reference, agency,
    creditor: {
      name: c.name, legalName: c.legalName, addressLines: [c.addressLine1, ...(c.addressLine2 ? [c.addressLine2] : [])],
      postcode: c.postcode, city: c.city, isCreditInstitution: c.isCreditInstitution,
    },
    debtor: { displayName: debtorDisplayName(kase), postalLines: options.postal ? postalLines(options.postal) : [] },
    claim: {
      caseId: kase.caseId, creditorReference: kase.creditorReference, category: kase.category, basisRef: kase.basisContractRef,
      basisDate: kase.basisDate, principal, interest, accessories,
      // Payments arrive with issue #7; until then the balance is the claim.
      balance: addCents(principal, interest, accessories),
      dueDate: kase.dueDate, rfReference: options.rfReference, limitationExpiresOn: kase.limitationExpiresOn,
    },
    firstLetter: options.firstLetter, accessCode: null, verificationCode: options.verificationCode,
    dataSources: dataSources(kase),
    ...options.extras,
  };
}
