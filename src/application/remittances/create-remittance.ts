/**
 * Issues a creditor's remittance statement for a period: every payment booked in it and not yet
 * remitted, every reversal of a payment already remitted, the commission per mandate (domain
 * `buildStatement`), and what to pay over. A payment is remitted once (its key is unique in
 * `remittance_items`), and statements of one creditor are made one at a time.
 */
import { buildStatement } from '../../domain/remittance/index.ts';
import { compareCivilDates, isCivilDate } from '../../domain/time/index.ts';
import { actorId, eventActorKind, type Actor } from '../actor.ts';
import { AppError, notFound } from '../errors.ts';
import type { AuditLog } from '../ports/repositories.ts';
import type { RemittanceRecord, RemittanceRepository } from '../ports/remittances.ts';

export async function createRemittance(
  deps: { remittances: RemittanceRepository; audit: AuditLog; now: Date; newId: () => string },
  actor: Actor,
  input: { creditorId: string; periodFrom: string; periodTo: string },
): Promise<RemittanceRecord> {
  if (!isCivilDate(input.periodFrom) || !isCivilDate(input.periodTo) || compareCivilDates(input.periodFrom, input.periodTo) > 0) {
    throw new AppError('validation_failed', 'The period must be two dates, from ≤ to', { errors: [{ path: 'body/periodTo', message: 'before periodFrom' }] });
  }
  if ((await deps.remittances.lockCreditor(input.creditorId)) === null) throw notFound('Creditor');
  const entries = await deps.remittances.unremittedEntries(input.creditorId, input.periodFrom, input.periodTo);
  if (entries.length === 0) throw new AppError('conflict', 'Nothing to remit for this period: no payment booked and not yet remitted');
  const totals = buildStatement(entries.map((e) => ({
    mandateId: e.mandateId, mandateReference: e.mandateReference, commissionBps: e.commissionBps, amountCents: e.amountCents,
    heldByAgency: e.method !== 'creditor_direct',
  })));
  const id = deps.newId();
  await deps.remittances.insert({
    creditorId: input.creditorId, id, periodFrom: input.periodFrom, periodTo: input.periodTo, collectedCents: totals.collectedCents,
    directCents: totals.directCents, reversedCents: totals.reversedCents, commissionCents: totals.commissionCents, payableCents: totals.payableCents,
    summary: totals.lines, createdBy: actorId(actor),
  }, entries, deps.now);
  await deps.audit.append({
    at: deps.now, actorKind: eventActorKind(actor), actorId: actorId(actor), action: 'remittance.issued', entityType: 'remittance', entityId: id,
    creditorId: input.creditorId, data: { periodFrom: input.periodFrom, periodTo: input.periodTo, payableCents: totals.payableCents, items: entries.length },
  });
  return (await deps.remittances.find(id))!;
}
