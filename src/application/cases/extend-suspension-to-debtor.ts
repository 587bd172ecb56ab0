/**
 * A suspension about the person (over-indebtedness, death: domain/case/debtor-wide-suspension.ts),
 * opened on one case, is opened on every other open case of the same debtor too, in the same
 * transaction, whichever creditor holds it and whoever may read it: protecting the debtor does not
 * depend on the agent's team. Each case gets its own suspension row (what the engine, the worklist,
 * the daily plan and the portal read) and its own `suspension.opened` event, with a fixed reason that
 * reveals nothing of the first case. A case that already has an open suspension of that kind is left as it is.
 */
import { debtorWideSuspensionReason, isDebtorWideSuspension } from '../../domain/case/debtor-wide-suspension.ts';
import { refreshCaseWorklist } from '../backoffice/refresh-worklist.ts';
import type { CaseEventInput } from '../ports/arrangement-repository.ts';
import type { Repositories } from '../ports/repositories.ts';

export interface DebtorWideSuspensionInput {
  readonly debtorId: string;
  /** The case the suspension was declared on (it has its own row already). */
  readonly declaredOnCaseId: string;
  readonly kind: string;
  readonly at: Date;
  readonly actorKind: CaseEventInput['actorKind'];
  readonly actorId: string | null;
  readonly newId: () => string;
}

/** The ids of the other cases suspended (empty when the kind concerns one case only). */
export async function extendSuspensionToDebtor(repos: Pick<Repositories, 'backoffice' | 'arrangements' | 'messaging'>, input: DebtorWideSuspensionInput): Promise<string[]> {
  if (!isDebtorWideSuspension(input.kind)) return [];
  const reason = debtorWideSuspensionReason(input.kind);
  const others = await repos.backoffice.openCasesOfDebtorWithout(input.debtorId, input.declaredOnCaseId, input.kind);
  for (const other of others) {
    const suspensionId = input.newId();
    await repos.backoffice.insertSuspension({
      creditorId: other.creditorId, id: suspensionId, caseId: other.caseId, debtorId: other.debtorId, kind: input.kind,
      fromAt: input.at, untilAt: null, reason, openedBy: input.actorId,
    });
    await repos.arrangements.appendCaseEvent({
      creditorId: other.creditorId, caseId: other.caseId, at: input.at, type: 'suspension.opened', actorKind: input.actorKind, actorId: input.actorId,
      data: { suspensionId, kind: input.kind, reason, debtorWide: true },
    });
    await refreshCaseWorklist(repos, other.caseId, input.at);
  }
  return others.map((other) => other.caseId);
}
