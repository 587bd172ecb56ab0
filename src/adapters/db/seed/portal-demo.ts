/**
 * Demo data of the debtor portal (issue #8), seeded with the rest of the demo on a non-production
 * first start: one case whose first letter was posted, with a public demo access code (like the demo
 * passwords), an SMS with a known verification code, and a mandate that allows plans up to 12 months.
 * `insertPortalCase` is also the test factory of the portal tests.
 */
import { and, eq } from 'drizzle-orm';
import type { PasswordHasher } from '../../../application/ports/password-hasher.ts';
import { normaliseAccessCode } from '../../../domain/portal/credentials.ts';
import { newId } from '../ids.ts';
import type { DbExecutor } from '../open-database.ts';
import { cases, codeRegistry, contactAttempts, contactPoints, creditors, mandates, outbox } from '../schema.ts';
import { buildContactPoint, buildMandate, insertCaseWithParties, type CaseRow, type CreditorRow, type DebtorRow } from './factories.ts';

export const demoPortal = {
  reference: 'DEMO-PORTAIL-01',
  accessCode: 'K7QM-4XD9-PWR2',
  birthDate: '1985-06-15',
  verificationCode: 'H4KD-7MQ2',
} as const;

export interface PortalCaseOptions {
  readonly reference?: string;
  readonly accessCode?: string;
  readonly birthDate?: string;
  readonly verificationCode?: string | null;
  readonly creditor?: Partial<CreditorRow>;
  readonly debtor?: Partial<DebtorRow>;
  readonly case?: Partial<CaseRow>;
  readonly email?: string | null;
  readonly mandate?: { maxPlanMonths: number; minInstalmentCents: number } | null;
  /** When the first letter was posted and the SMS sent. */
  readonly at?: Date;
}

/** A collectable case reachable by post, SMS and e-mail, its first letter posted, with an access code set. */
export async function insertPortalCase(db: DbExecutor, hasher: PasswordHasher, options: PortalCaseOptions = {}) {
  const at = options.at ?? new Date('2026-09-01T09:00:00Z');
  const creditorId = options.creditor?.id ?? newId();
  const mandateRow = options.mandate === null ? null : buildMandate(creditorId, {
    maxPlanMonths: options.mandate?.maxPlanMonths ?? 12, minInstalmentCents: options.mandate?.minInstalmentCents ?? 2000,
  });
  const parties = await insertCaseWithParties(db, {
    creditor: { id: creditorId, name: 'Horizon Télécom', legalName: 'Horizon Télécom SA', addressLine1: '45 avenue de France', postcode: '75013', city: 'Paris', ...options.creditor },
    debtor: {
      civility: 'Mme', firstName: 'Camille', lastName: 'Lefèvre', birthDate: options.birthDate ?? demoPortal.birthDate,
      fieldSources: { identity: { kind: 'creditor_file', label: 'Horizon Télécom SA, fichier impayés', at: at.toISOString() } }, ...options.debtor,
    },
    case: {
      creditorReference: options.reference ?? `REF-${newId().slice(-8).toUpperCase()}`, basisContractRef: 'CT-880037', basisDate: '2024-03-15',
      principalCents: 48_000, interestCents: 1_250, accessoriesCents: 0, dueDate: '2026-05-05', limitationExpiresOn: '2027-05-05', status: 'active',
      noticeSentAt: at, ...options.case,
    },
  });
  if (mandateRow) {
    await db.insert(mandates).values(mandateRow);
    await db.update(cases).set({ mandateId: mandateRow.id }).where(and(eq(cases.creditorId, creditorId), eq(cases.id, parties.case.id!)));
  }
  const accessCode = options.accessCode ?? demoPortal.accessCode;
  await db.update(cases).set({ accessCodeHash: await hasher.hash(normaliseAccessCode(accessCode)) })
    .where(and(eq(cases.creditorId, creditorId), eq(cases.id, parties.case.id!)));
  const source = { sourceKind: 'creditor_file' as const, sourceLabel: 'Horizon Télécom SA, fichier impayés', sourceAt: at, validFrom: at };
  const phone = '+33612345601';
  await db.insert(contactPoints).values([
    buildContactPoint(parties.debtor.id!, { kind: 'postal', value: '3 rue Oberkampf, 75011 Paris', isPrimary: true, postal: { lines: ['3 rue Oberkampf'], postcode: '75011', city: 'Paris', country: 'FR' }, ...source }),
    buildContactPoint(parties.debtor.id!, { kind: 'phone', value: phone, phoneType: 'mobile', isPrimary: true, ...source }),
    ...(options.email === null ? [] : [buildContactPoint(parties.debtor.id!, { kind: 'email', value: options.email ?? `camille.${newId().slice(-6)}@example.org`, isPrimary: true, ...source })]),
  ]);
  // The posted first letter (R124-4): later messages quote its reference.
  const letterId = newId();
  const letterReference = `LET-${at.toISOString().slice(0, 10).replace(/-/g, '')}-${letterId.slice(-12).toUpperCase()}`;
  const letterAttempt = newId();
  await db.insert(contactAttempts).values({
    creditorId, id: letterAttempt, caseId: parties.case.id!, debtorId: parties.debtor.id!, channel: 'letter', purpose: 'collection', at,
    outcome: 'sent', address: '3 rue Oberkampf, 75011 Paris', allowed: true, decision: { allowed: true, reasons: [] },
  });
  await db.insert(outbox).values({
    creditorId, id: letterId, caseId: parties.case.id!, debtorId: parties.debtor.id!, channel: 'letter', template: 'first-letter', locale: 'fr',
    purpose: 'collection', recipient: 'Mme Camille Lefèvre, 3 rue Oberkampf, 75011 Paris', payloadVersion: 1, payload: {},
    idempotencyKey: `first-letter:${parties.case.id}`, status: 'sent', nextAttemptAt: at, sentAt: at, letterReference, contactAttemptId: letterAttempt,
  });
  await db.insert(codeRegistry).values({ code: letterReference, kind: 'letter_reference', creditorId, caseId: parties.case.id!, ownerId: letterId });
  let verificationCode: string | null = null;
  if (options.verificationCode !== null) {
    verificationCode = options.verificationCode ?? demoPortal.verificationCode;
    const smsId = newId();
    const smsAt = new Date(at.getTime() + 7 * 86_400_000);
    const attemptId = newId();
    await db.insert(contactAttempts).values({
      creditorId, id: attemptId, caseId: parties.case.id!, debtorId: parties.debtor.id!, channel: 'sms', purpose: 'collection', at: smsAt,
      outcome: 'sent', address: phone, allowed: true, decision: { allowed: true, reasons: [] }, verificationCode,
    });
    await db.insert(outbox).values({
      creditorId, id: smsId, caseId: parties.case.id!, debtorId: parties.debtor.id!, channel: 'sms', template: 'reminder', locale: 'fr',
      purpose: 'collection', recipient: phone, payloadVersion: 1, payload: {}, idempotencyKey: `demo-sms:${parties.case.id}`, status: 'sent',
      nextAttemptAt: smsAt, sentAt: smsAt, verificationCode, contactAttemptId: attemptId,
    });
    await db.insert(codeRegistry).values({ code: verificationCode, kind: 'verification_code', creditorId, caseId: parties.case.id!, ownerId: smsId });
  }
  return { ...parties, accessCode, verificationCode, phone, letterReference, mandate: mandateRow };
}

/** The portal's demo case; the demo logins are printed at start (README). */
export async function seedPortalDemo(db: DbExecutor, hasher: PasswordHasher): Promise<void> {
  // On the demo data's own Horizon Télécom when it is there: one creditor, not two of the same name.
  const [horizon] = await db.select({ id: creditors.id }).from(creditors).where(eq(creditors.name, 'Horizon Télécom')).limit(1);
  await insertPortalCase(db, hasher, { reference: demoPortal.reference, email: 'camille.lefevre@example.org', ...(horizon ? { creditor: { id: horizon.id } } : {}) });
}
