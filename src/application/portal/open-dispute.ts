/**
 * Dispute, documents request, hardship: each opens a suspension at once (the compliance engine reads
 * open suspensions on every send, and worklists leave suspended cases out), appends its event, and
 * an acknowledgement goes through the outbox. A dispute pauses collection (LEGAL_RULES.md 5a: DGCCRF
 * practice, ASF agreement, and UK CONC 7.14.1R as the model; GDPR Art. 18(1)(a) restriction while the
 * accuracy is checked). A documents request suspends calls until the documents are provided
 * (LEGAL_RULES.md 6a). An over-indebtedness file suspends payment requests (C. conso L722-2, L722-5);
 * hardship pauses collection for an agent to review (vulnerability).
 */
import { sniffEvidenceType, EVIDENCE_MAX_BYTES } from '../../domain/portal/evidence.ts';
import { AppError, notFound } from '../errors.ts';
import { extendSuspensionToDebtor } from '../cases/extend-suspension-to-debtor.ts';
import { civilDateInParis } from '../messaging/render-message.ts';
import { queueAcknowledgement, type AcknowledgementOutcome } from './acknowledge.ts';
import { debtorActorId, type DebtorActor, type PortalDeps } from './portal-deps.ts';

export const disputeReasons = ['not-mine', 'already-paid', 'wrong-amount', 'time-barred', 'other'] as const;
export type DisputeReason = (typeof disputeReasons)[number];

export const hardshipKinds = ['hardship', 'over-indebtedness'] as const;
export type HardshipKind = (typeof hardshipKinds)[number];

export interface UploadedEvidence {
  readonly id: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
}

/** Stores one file of evidence for the case (PDF, JPEG, PNG; checked by its first bytes; ≤ 10 MiB). */
export async function uploadEvidence(
  deps: Pick<PortalDeps, 'uow' | 'clock' | 'newId' | 'evidence'>, actor: DebtorActor, body: AsyncIterable<Uint8Array>, fileName: string,
): Promise<UploadedEvidence> {
  const stored = await deps.evidence.store(body, EVIDENCE_MAX_BYTES, (head) => {
    if (!sniffEvidenceType(head)) throw new AppError('unsupported_media_type', 'Only PDF, JPEG and PNG files are accepted');
  });
  const mediaType = sniffEvidenceType(stored.head)!;
  const id = deps.newId();
  // The name is kept for display only (trimmed, no path); the file lives under a random name.
  const safeName = [...fileName].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch)).join('').slice(-120) || 'evidence';
  try {
    await deps.uow.run(async (repos) => {
      await repos.portal.insertDocument({
        creditorId: actor.creditorId, id, caseId: actor.caseId, kind: 'evidence', fileName: safeName, mediaType, sizeBytes: stored.sizeBytes,
        sha256: stored.sha256, storageKey: stored.storageKey, uploadedBy: debtorActorId(actor),
      });
      await repos.arrangements.appendCaseEvent({
        creditorId: actor.creditorId, caseId: actor.caseId, at: deps.clock.now(), type: 'documents.provided', actorKind: 'debtor',
        actorId: debtorActorId(actor), data: { documentId: id, mediaType, sizeBytes: stored.sizeBytes, by: 'debtor' },
      });
    });
  } catch (error) {
    await deps.evidence.remove(stored.storageKey);
    throw error;
  }
  return { id, mediaType, sizeBytes: stored.sizeBytes };
}

export interface SuspensionResult {
  readonly suspensionId: string;
  readonly acknowledgement: AcknowledgementOutcome | null;
}

async function openSuspension(
  deps: Pick<PortalDeps, 'uow' | 'clock' | 'newId'>, actor: DebtorActor,
  kind: 'dispute' | 'documents-requested' | 'over-indebtedness' | 'vulnerability',
  reason: string, eventType: string, data: Record<string, unknown>, evidenceIds: readonly string[] = [],
): Promise<string> {
  const now = deps.clock.now();
  const id = deps.newId();
  await deps.uow.run(async (repos) => {
    const row = await repos.portal.myCase(actor.creditorId, actor.caseId);
    if (!row) throw notFound('Case');
    if (evidenceIds.length) {
      const docs = await repos.portal.documents(actor.creditorId, actor.caseId);
      const unknown = evidenceIds.filter((e) => !docs.some((d) => d.id === e));
      if (unknown.length) throw new AppError('validation_failed', 'Unknown evidence file');
    }
    await repos.portal.insertSuspension({
      creditorId: actor.creditorId, id, caseId: actor.caseId, debtorId: actor.debtorId, kind, fromAt: now, reason, openedBy: debtorActorId(actor),
    });
    const event = { creditorId: actor.creditorId, caseId: actor.caseId, at: now, actorKind: 'debtor' as const, actorId: debtorActorId(actor) };
    await repos.arrangements.appendCaseEvent({ ...event, type: eventType, data: { ...data, evidenceIds } });
    await repos.arrangements.appendCaseEvent({ ...event, type: 'suspension.opened', data: { suspensionId: id, kind, reason } });
    await extendSuspensionToDebtor(repos, {
      debtorId: actor.debtorId, declaredOnCaseId: actor.caseId, kind, at: now, actorKind: 'debtor', actorId: debtorActorId(actor), newId: deps.newId,
    });
  });
  return id;
}

export async function openDispute(
  deps: Pick<PortalDeps, 'uow' | 'clock' | 'newId' | 'messaging'>, actor: DebtorActor,
  input: { readonly reason: DisputeReason; readonly details: string; readonly evidenceIds: readonly string[] },
): Promise<SuspensionResult> {
  if (!(disputeReasons as readonly string[]).includes(input.reason)) throw new AppError('validation_failed', 'Unknown dispute reason');
  const suspensionId = await openSuspension(deps, actor, 'dispute', input.reason, 'dispute.opened',
    { reason: input.reason, details: input.details.slice(0, 4000), origin: 'portal' }, input.evidenceIds);
  const acknowledgement = await queueAcknowledgement(deps, actor, 'dispute-acknowledgement',
    { dispute: { receivedOn: civilDateInParis(deps.clock.now()), reason: input.reason } }, `dispute-ack:${suspensionId}`);
  return { suspensionId, acknowledgement };
}

export async function requestDocuments(
  deps: Pick<PortalDeps, 'uow' | 'clock' | 'newId' | 'messaging'>, actor: DebtorActor, input: { readonly details: string },
): Promise<SuspensionResult> {
  const suspensionId = await openSuspension(deps, actor, 'documents-requested', 'documents requested on the portal', 'documents.requested',
    { details: input.details.slice(0, 4000), origin: 'portal' });
  const acknowledgement = await queueAcknowledgement(deps, actor, 'documents-request-acknowledgement',
    { documentsRequest: { receivedOn: civilDateInParis(deps.clock.now()) } }, `documents-ack:${suspensionId}`);
  return { suspensionId, acknowledgement };
}

export async function declareHardship(
  deps: Pick<PortalDeps, 'uow' | 'clock' | 'newId'>, actor: DebtorActor, input: { readonly kind: HardshipKind; readonly details: string; readonly fileDate?: string | null },
): Promise<SuspensionResult> {
  const kind = input.kind === 'over-indebtedness' ? 'over-indebtedness' as const : 'vulnerability' as const;
  const suspensionId = await openSuspension(deps, actor, kind, input.kind, input.kind === 'over-indebtedness' ? 'over_indebtedness.declared' : 'hardship.declared',
    { details: input.details.slice(0, 4000), fileDate: input.fileDate ?? null, origin: 'portal' });
  return { suspensionId, acknowledgement: null };
}
