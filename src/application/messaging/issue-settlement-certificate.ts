/**
 * The attestation de régularisation of a settled case: a random verification code (80 bits), stored
 * only as a digest in `certificates` with what the certificate states, and the certificate letter
 * queued for the next print batch with a QR code to the portal's check URL (issue #8 serves it).
 * Payments (issue #7) call this when a case is paid or settled.
 */
import type { Cents } from '../../domain/money/index.ts';
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { CaseForMessaging, OutboxRecord } from '../ports/messaging-repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import { enqueueFor } from './enqueue-message.ts';
import { requireAgency, type MessagingDeps } from './messaging-deps.ts';
import { civilDateInParis } from './render-message.ts';

/** Where the portal checks a certificate (issue #8): `<portal>/verifier/attestation/<code>`. */
export function certificateCheckUrl(portalUrl: string, code: string): string {
  return `${portalUrl.replace(/\/$/, '')}/verifier/attestation/${code}`;
}

export async function issueSettlementCertificate(
  deps: Pick<MessagingDeps, 'uow' | 'clock' | 'codes' | 'agency' | 'secrets'>,
  actor: Actor,
  input: { readonly caseId: string; readonly totalPaid: Cents; readonly closedOn?: string },
): Promise<{ certificateId: string; letter: OutboxRecord; created: boolean }> {
  requireAgency(deps.agency);
  const now = deps.clock.now();
  return deps.uow.run((repos) => issueCertificateIn(repos, deps, actor, input, now));
}

/** The body of issueSettlementCertificate, inside the caller's transaction (payments close cases in theirs). */
export async function issueCertificateIn(
  repos: Repositories,
  deps: Pick<MessagingDeps, 'codes' | 'agency' | 'secrets'>,
  actor: Actor,
  input: {
    readonly caseId: string; readonly totalPaid: Cents; readonly closedOn?: string;
    /** The case as just read in this transaction (a batch of bank entries preloads them); read again otherwise. */
    readonly kase?: CaseForMessaging;
  },
  now: Date,
): Promise<{ certificateId: string; letter: OutboxRecord; created: boolean }> {
  const agency = requireAgency(deps.agency);
  const kase = input.kase ?? await repos.messaging.loadCase(input.caseId);
  if (!kase) throw notFound('Case');
  const code = deps.codes.certificateCode();
  const closedOn = input.closedOn ?? civilDateInParis(now);
  const { message, created } = await enqueueFor(repos, deps, actor, kase, agency, {
    caseId: kase.caseId, template: 'settlement-certificate', channel: 'letter', idempotencyKey: `settlement-certificate:${kase.caseId}`,
    extras: { certificate: { closedOn, totalPaid: input.totalPaid, verificationCode: code, checkUrl: certificateCheckUrl(agency.portalUrl, code) } },
  }, now);
  const certificateId = message.id;
  if (created) {
    const verificationCodeHash = deps.secrets.digest(code);
    // 80 random bits: a clash with an earlier certificate is not expected; refuse rather than share a code.
    const taken = await repos.messaging.reserveCodes([{ code: verificationCodeHash, kind: 'certificate_code', creditorId: kase.creditorId, caseId: kase.caseId, ownerId: certificateId }]);
    if (taken.length > 0) throw new AppError('conflict', 'Certificate code already issued: issue the certificate again');
    await repos.messaging.insertCertificate({
      creditorId: kase.creditorId, id: certificateId, caseId: kase.caseId, verificationCodeHash, outboxId: message.id,
      issuedAt: now, data: { closedOn, totalPaidCents: input.totalPaid, creditorReference: kase.creditorReference, letterReference: message.letterReference },
    });
  }
  return { certificateId, letter: message, created };
}
