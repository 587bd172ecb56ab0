/**
 * Row factories with overrides (DESIGN.md §3.8): tests build exactly the rows they need, and the
 * demo seed is made of the same factories, so demo data always satisfies the schema.
 */
import { newId } from '../ids.ts';
import type { DbExecutor } from '../open-database.ts';
import { cases, contactPoints, creditors, debtors, mandates, payments, plans, promises, teams } from '../schema.ts';
import { codeRegistry, outbox } from '../schema.ts';

export type CreditorRow = typeof creditors.$inferInsert;
export type MandateRow = typeof mandates.$inferInsert;
export type DebtorRow = typeof debtors.$inferInsert;
export type ContactPointRow = typeof contactPoints.$inferInsert;
export type CaseRow = typeof cases.$inferInsert;
export type TeamRow = typeof teams.$inferInsert;

export function buildCreditor(overrides: Partial<CreditorRow> = {}): CreditorRow {
  return {
    id: newId(), name: 'Créancier Exemple', legalName: 'Créancier Exemple SAS', registrationNumber: '552100554',
    addressLine1: '10 rue de Rivoli', postcode: '75004', city: 'Paris', country: 'FR', ...overrides,
  };
}

export function buildMandate(creditorId: string, overrides: Partial<MandateRow> = {}): MandateRow {
  return {
    creditorId, id: newId(), reference: `MAND-${newId().slice(-6).toUpperCase()}`, signedOn: '2026-01-05',
    validFrom: '2026-01-05', commissionBps: 1500, maxPlanMonths: 12, minInstalmentCents: 2000, maxDiscountBps: 1000,
    interestWaiverAllowed: true, graceDays: 10, ...overrides,
  };
}

export function buildTeam(overrides: Partial<TeamRow> = {}): TeamRow {
  return { id: newId(), name: `Équipe ${newId().slice(-4)}`, ...overrides };
}

export function buildDebtor(overrides: Partial<DebtorRow> = {}): DebtorRow {
  return {
    id: newId(), civility: 'Mme', firstName: 'Camille', lastName: 'Martin', birthDate: '1985-06-15', birthPlace: 'Lyon',
    ...overrides,
  };
}

export function buildContactPoint(debtorId: string, overrides: Partial<ContactPointRow> & Pick<ContactPointRow, 'kind' | 'value'>): ContactPointRow {
  const at = overrides.sourceAt ?? new Date('2026-01-10T09:00:00Z');
  return {
    debtorId, id: newId(), status: 'unverified', sourceKind: 'creditor_file', sourceAt: at, validFrom: at, ...overrides,
  };
}

export function buildCase(creditorId: string, debtorId: string, overrides: Partial<CaseRow> = {}): CaseRow {
  return {
    creditorId, id: newId(), debtorId, creditorReference: `REF-${newId().slice(-8).toUpperCase()}`, category: 'telecom',
    debtorType: 'consumer', principalCents: 12_345, interestCents: 0, accessoriesCents: 0, dueDate: '2026-06-01',
    status: 'active', openedAt: new Date('2026-07-01T08:00:00Z'), ...overrides,
  };
}

/** Inserts a creditor, a debtor and a case in one go: the common need of a test. */
export async function insertCaseWithParties(
  db: DbExecutor,
  overrides: { creditor?: Partial<CreditorRow>; debtor?: Partial<DebtorRow>; case?: Partial<CaseRow> } = {},
): Promise<{ creditor: CreditorRow; debtor: DebtorRow; case: CaseRow }> {
  const creditor = buildCreditor(overrides.creditor);
  const debtor = buildDebtor(overrides.debtor);
  const row = buildCase(creditor.id!, debtor.id!, overrides.case);
  await db.insert(creditors).values(creditor).onConflictDoNothing();
  await db.insert(debtors).values(debtor).onConflictDoNothing();
  await db.insert(cases).values(row);
  return { creditor, debtor, case: row };
}

// Arrangements and payments (issues #6, #7).
export type PromiseRow = typeof promises.$inferInsert;
export type PlanRow = typeof plans.$inferInsert;
export type PaymentRow = typeof payments.$inferInsert;

export function buildPromise(creditorId: string, caseId: string, overrides: Partial<PromiseRow> = {}): PromiseRow {
  return {
    creditorId, caseId, id: newId(), amountCents: 5_000, madeOn: '2027-03-01', dueOn: '2027-03-15', origin: 'call', createdBy: 'test', ...overrides,
  };
}

export function buildPlan(creditorId: string, caseId: string, overrides: Partial<PlanRow> & Pick<PlanRow, 'totalCents'>): PlanRow {
  return {
    creditorId, caseId, id: newId(), status: 'active', agreedOn: '2027-03-01', frequency: 'monthly', balanceCents: overrides.totalCents,
    origin: 'call', createdBy: 'test', ...overrides,
  };
}

/** A booked payment; the caller keeps the case's paid columns in step (as the booking use case does). */
export function buildPayment(creditorId: string, caseId: string, overrides: Partial<PaymentRow> & Pick<PaymentRow, 'amountCents'>): PaymentRow {
  return {
    creditorId, caseId, id: newId(), valueDate: '2027-03-05', receivedAt: new Date('2027-03-05T10:00:00Z'), method: 'transfer',
    source: 'test', allocation: [], recordedBy: 'test', ...overrides,
  };
}

// Back office (issue #6): a first letter already sent (R124-4), as after a posted print batch, so
// that later messages (confirmations) can quote its reference and date. Demo data and tests.
export async function insertSentFirstLetter(db: DbExecutor, c: { creditorId: string; caseId: string; debtorId: string }, sentAt: Date): Promise<string> {
  const id = newId();
  const reference = `L-${sentAt.toISOString().slice(0, 10).replaceAll('-', '')}-${id.slice(-8).toUpperCase()}`;
  await db.insert(outbox).values({
    creditorId: c.creditorId, id, caseId: c.caseId, debtorId: c.debtorId, channel: 'letter', template: 'first-letter', locale: 'fr', purpose: 'collection',
    recipient: 'postal address on file', payloadVersion: 1, payload: { seeded: true }, idempotencyKey: `first-letter:${c.caseId}`, status: 'sent',
    nextAttemptAt: sentAt, letterReference: reference, sentAt, createdAt: sentAt, updatedAt: sentAt,
  });
  await db.insert(codeRegistry).values({ code: reference, kind: 'letter_reference', creditorId: c.creditorId, caseId: c.caseId, ownerId: id });
  return id;
}
