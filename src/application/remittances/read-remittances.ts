/**
 * Remittance statements as a creditor (key, creditor user) or the back office sees them, marking one
 * paid over, and the R124-6 alert: creditors whose collected funds have waited more than one month.
 */
import { overdueFunds, type OverdueFunds } from '../../domain/remittance/index.ts';
import type { CivilDate } from '../../domain/time/index.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import { caseScopeOf } from '../cases/read-cases.ts';
import type { AuditLog } from '../ports/repositories.ts';
import type { RemittanceEntryRow, RemittanceRecord, RemittanceRepository } from '../ports/remittances.ts';

export function remittanceCreditorFor(actor: Actor, requested: string | undefined): string | undefined {
  const scope = caseScopeOf(actor);
  if (scope.creditorId !== undefined) {
    if (requested !== undefined && requested !== scope.creditorId) throw new AppError('forbidden', 'You act for another creditor');
    return scope.creditorId;
  }
  return requested;
}

export async function listRemittances(repos: { remittances: RemittanceRepository }, actor: Actor, query: { creditorId?: string; limit: number; offset: number }) {
  const creditorId = remittanceCreditorFor(actor, query.creditorId);
  return repos.remittances.list({ ...(creditorId ? { creditorId } : {}), limit: query.limit, offset: query.offset });
}

export async function getRemittance(repos: { remittances: RemittanceRepository }, actor: Actor, id: string): Promise<{ remittance: RemittanceRecord; items: RemittanceEntryRow[] }> {
  const scope = caseScopeOf(actor);
  const found = await repos.remittances.find(id);
  if (!found || (scope.creditorId !== undefined && found.creditorId !== scope.creditorId)) throw notFound('Remittance');
  return { remittance: found, items: await repos.remittances.items(found.creditorId, found.id) };
}

export async function markRemittancePaid(
  deps: { remittances: RemittanceRepository; audit: AuditLog; now: Date }, actor: Actor, input: { id: string; paidOn: string },
): Promise<RemittanceRecord> {
  const found = await deps.remittances.find(input.id);
  if (!found) throw notFound('Remittance');
  if (found.status === 'paid') throw new AppError('conflict', `Remittance already paid over on ${found.paidOn}`);
  if (input.paidOn < found.periodFrom) throw new AppError('validation_failed', 'paidOn is before the period', { errors: [{ path: 'body/paidOn', message: 'before the period' }] });
  await deps.remittances.markPaid(found.creditorId, found.id, input.paidOn, actorId(actor), deps.now);
  await deps.audit.append({
    at: deps.now, actorKind: eventActorKind(actor), actorId: actorId(actor), action: 'remittance.paid', entityType: 'remittance', entityId: found.id,
    creditorId: found.creditorId, data: { paidOn: input.paidOn, payableCents: found.payableCents },
  });
  return (await deps.remittances.find(found.id))!;
}

export interface RemittanceAlert extends OverdueFunds {
  readonly creditorId: string;
  readonly creditorName: string;
  /** Everything the agency holds for the creditor, late or not. */
  readonly heldCents: number;
}

/** CPCE-exéc R124-6: creditors whose funds have waited more than one month since their collection, most late first. */
export async function remittanceAlerts(repos: { remittances: RemittanceRepository }, actor: Actor, today: CivilDate): Promise<RemittanceAlert[]> {
  const scope = caseScopeOf(actor);
  const rows = (await repos.remittances.heldFunds()).filter((r) => scope.creditorId === undefined || r.creditorId === scope.creditorId);
  const byCreditor = new Map<string, { name: string; held: { valueDate: CivilDate; amountCents: number }[] }>();
  for (const row of rows) {
    const entry = byCreditor.get(row.creditorId) ?? { name: row.creditorName, held: [] };
    entry.held.push({ valueDate: row.valueDate as CivilDate, amountCents: row.amountCents });
    byCreditor.set(row.creditorId, entry);
  }
  const alerts: RemittanceAlert[] = [];
  for (const [creditorId, { name, held }] of byCreditor) {
    const late = overdueFunds(held, today);
    if (late) alerts.push({ creditorId, creditorName: name, heldCents: held.reduce((s, h) => s + h.amountCents, 0), ...late });
  }
  return alerts.sort((a, b) => b.daysOverdue - a.daysOverdue);
}
