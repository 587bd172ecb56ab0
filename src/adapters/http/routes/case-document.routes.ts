/** Downloading a case's document from the back office (issue #6): always as an attachment, never inline. */
import { Type } from 'typebox';
import { readCaseDocument } from '../../../application/backoffice/read-case-document.ts';
import type { EvidenceStorage } from '../../../application/ports/evidence-storage.ts';
import type { PortalUnitOfWork } from '../../../application/ports/portal-repository.ts';
import type { UnitOfWork } from '../../../application/ports/repositories.ts';
import { allRoles } from '../auth-rule.ts';
import { requestActor } from '../request-actor.ts';
import type { AppInstanceBase } from './route-types.ts';

export function registerCaseDocumentRoutes(app: AppInstanceBase, deps: { readonly uow: UnitOfWork; readonly documents: PortalUnitOfWork; readonly evidence: EvidenceStorage }): void {
  app.get('/api/v1/cases/:caseId/documents/:documentId', {
    config: { auth: { roles: allRoles } },
    schema: {
      tags: ['back office'], summary: 'Download a document of the case (attachment; same access rule as the case)', security: [{ session: [] }],
      params: Type.Object({ caseId: Type.String({ format: 'uuid' }), documentId: Type.String({ format: 'uuid' }) }),
    },
  }, async (request, reply) => {
    const doc = await readCaseDocument(deps, requestActor(request), request.params.caseId, request.params.documentId);
    const asciiName = doc.fileName.replace(/[^\w.-]+/g, '_');
    return reply.type(doc.mediaType).header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
      .header('content-security-policy', "default-src 'none'; sandbox").header('cache-control', 'no-store').send(doc.bytes);
  });
}
