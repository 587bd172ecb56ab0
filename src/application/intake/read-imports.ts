/**
 * Who may start and read imports. Staff (admin, manager, agent) import for any creditor; a creditor API
 * key only for its own creditor. Reading: staff see every import, a creditor user or API key only its own
 * creditor's; another creditor's import answers "not found", never revealing that it exists.
 */
import type { Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { ImportRecord, ImportReportPage, IntakeStore } from '../ports/intake.ts';
import { caseScopeOf } from '../cases/read-cases.ts';

/** The creditor an import request is for: a key's own creditor, or the one a staff member chose. */
export function importCreditorFor(actor: Actor, requested: string | undefined): string {
  if (actor.kind === 'api_key') {
    if (requested !== undefined && requested !== actor.creditorId) throw new AppError('forbidden', 'An API key imports only for its own creditor');
    return actor.creditorId;
  }
  if (requested === undefined) throw new AppError('validation_failed', 'creditorId is required', { errors: [{ path: 'querystring/creditorId', message: 'required' }] });
  const scope = caseScopeOf(actor);
  if (scope.creditorId !== undefined && scope.creditorId !== requested) throw new AppError('forbidden', 'You may only import for your own creditor');
  return requested;
}

export async function getImport(store: IntakeStore, actor: Actor, importId: string): Promise<ImportRecord> {
  const found = await store.findImport(importId);
  const scope = caseScopeOf(actor);
  if (!found || (scope.creditorId !== undefined && found.creditorId !== scope.creditorId)) throw notFound('Import');
  return found;
}

export async function getImportReport(store: IntakeStore, actor: Actor, importId: string, page: { limit: number; offset: number }): Promise<{ import: ImportRecord } & ImportReportPage> {
  const record = await getImport(store, actor, importId);
  return { import: record, ...(await store.reportPage(record.creditorId, record.id, page)) };
}
