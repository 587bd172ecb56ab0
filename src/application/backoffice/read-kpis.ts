/**
 * The manager dashboard's KPIs, computed from the event history (definitions: docs/kpis.md), filtered
 * by creditor, team and period. Rates are returned with their numerator and denominator, so a chart
 * can show "3 of 40" rather than a bare percentage; a rate with no denominator is null, not 0.
 */
import type { Actor } from '../actor.ts';
import { forbidden } from '../errors.ts';
import type { KpiFilter } from '../ports/backoffice-repository.ts';
import type { UnitOfWork } from '../ports/repositories.ts';

export interface Rate {
  readonly numerator: number;
  readonly denominator: number;
  /** numerator / denominator, or null when the denominator is 0. */
  readonly value: number | null;
}

const rate = (numerator: number, denominator: number): Rate => ({ numerator, denominator, value: denominator === 0 ? null : numerator / denominator });

export async function readKpis(deps: { uow: UnitOfWork }, actor: Actor, filter: KpiFilter) {
  if (actor.kind !== 'user' || (actor.role !== 'manager' && actor.role !== 'admin' && actor.role !== 'compliance')) throw forbidden('The dashboard is for managers');
  const raw = await deps.uow.run((repos) => repos.backoffice.kpis(filter));
  const plansEnded = raw.plansCompleted + raw.plansBroken;
  return {
    period: { from: filter.from.toISOString(), to: filter.to.toISOString() },
    filter: { creditorId: filter.creditorId ?? null, teamId: filter.teamId ?? null },
    liquidationByPlacement: raw.placements.map((p) => ({ ...p, rate: rate(p.collectedCents, p.placedCents) })),
    rightPartyContactRate: rate(raw.rightPartyContacts, raw.callAttempts),
    promiseRate: rate(raw.promisesCreated, raw.rightPartyContacts),
    promiseKeptRate: rate(raw.promisesKept, raw.promisesKept + raw.promisesBroken),
    planKeptRate: rate(raw.plansCompleted + raw.plansActive, raw.plansCompleted + raw.plansActive + raw.plansBroken),
    plansEnded,
    disputesPer1000Cases: raw.casesInScope === 0 ? null : (raw.disputesOpened * 1000) / raw.casesInScope,
    disputesOpened: raw.disputesOpened,
    casesInScope: raw.casesInScope,
    complianceRefusalsByRule: raw.refusalsByRule,
    balanceAgeing: raw.ageing,
  };
}
