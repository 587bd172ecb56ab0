/**
 * The litigation hand-off bundle: a ZIP with the case summary (PDF), the case's documents, its full
 * history (CSV) and its payments with their allocation (CSV). Only for a case handed over to
 * litigation; reading it is recorded in the audit log (it holds personal data).
 */
import { actorId, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentReader, LitigationBundleWriter } from '../ports/litigation-bundle.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import { caseScopeOf } from './read-cases.ts';

export async function exportLitigationBundle(
  deps: { uow: UnitOfWork; clock: Clock; bundle: LitigationBundleWriter; documents: DocumentReader }, actor: Actor, caseId: string,
): Promise<{ fileName: string; zip: Buffer }> {
  const now = deps.clock.now();
  const { file, payments } = await deps.uow.run(async (repos) => {
    const found = await repos.closure.caseFile(caseId);
    const scope = caseScopeOf(actor);
    if (!found || (scope.creditorId !== undefined && scope.creditorId !== found.creditorId)) throw notFound('Case');
    if (found.status !== 'litigation') throw new AppError('conflict', `Hand the case over to litigation first (status ${found.status})`);
    await repos.audit.append({
      at: now, actorKind: actor.kind === 'api_key' ? 'creditor_api' : actor.kind, actorId: actorId(actor), action: 'case.litigation_bundle_exported',
      entityType: 'case', entityId: caseId, creditorId: found.creditorId, caseId,
    });
    return { file: found, payments: await repos.payments.listForCase(caseId) };
  });
  const documents: { name: string; content: Buffer }[] = [];
  for (const doc of file.documents) {
    const content = await deps.documents.read(doc.storageKey);
    if (content) documents.push({ name: `${doc.id}-${doc.fileName}`, content });
  }
  const zip = await deps.bundle.write({ file, payments, documents, generatedAt: now });
  return { fileName: `contentieux-${file.creditorReference.replace(/[^A-Za-z0-9_-]/g, '_')}.zip`, zip };
}
