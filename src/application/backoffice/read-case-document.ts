/**
 * A document of a case, for the back office's case file (issue #6): the same access rule as the case
 * itself (an agent of another team, or another creditor's user, gets "not found"/"forbidden" exactly as
 * for the case), then the stored bytes.
 */
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import type { EvidenceStorage } from '../ports/evidence-storage.ts';
import type { PortalUnitOfWork } from '../ports/portal-repository.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import { loadCaseAccess } from './case-access.ts';

export async function readCaseDocument(
  deps: { readonly uow: UnitOfWork; readonly documents: PortalUnitOfWork; readonly evidence: EvidenceStorage }, actor: Actor, caseId: string, documentId: string,
): Promise<{ fileName: string; mediaType: string; bytes: Buffer }> {
  const access = await deps.uow.run((repos) => loadCaseAccess(repos, actor, caseId, 'read'));
  const doc = await deps.documents.run((repos) => repos.portal.document(access.creditorId, access.caseId, documentId));
  if (!doc) throw notFound('Document');
  return { fileName: doc.fileName, mediaType: doc.mediaType, bytes: await deps.evidence.read(doc.storageKey) };
}
