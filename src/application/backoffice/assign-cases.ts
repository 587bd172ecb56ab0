/**
 * Case assignment to teams and agents, by hand (a manager picks cases and a team or agent) and by rule
 * (ordered rules on creditor, postcode prefix, claim category and balance; the first match wins, and
 * applies to open cases no team holds yet). Every change appends `case.assigned` to the case.
 */
import type { Actor } from '../actor.ts';
import { forbidden, invalidField } from '../errors.ts';
import type { AssignmentRuleRow } from '../ports/backoffice-repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { UnitOfWork } from '../ports/repositories.ts';
import { appendEvent } from './case-history.ts';

const requireManager = (actor: Actor) => {
  if (actor.kind !== 'user' || (actor.role !== 'manager' && actor.role !== 'admin')) throw forbidden('Managers assign cases');
};
const invalid = invalidField;

export async function assignCases(deps: { uow: UnitOfWork; clock: Clock }, actor: Actor, input: { caseIds: readonly string[]; teamId?: string | null; userId?: string | null }) {
  requireManager(actor);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    let teamId = input.teamId ?? null;
    const userId = input.userId ?? null;
    if (userId) {
      const user = await repos.backoffice.teamOf(userId);
      if (!user.exists || (user.role !== 'agent' && user.role !== 'manager')) throw invalid('/userId', 'not an active agent');
      teamId ??= user.teamId;
    }
    if (teamId && !(await repos.backoffice.teamExists(teamId))) throw invalid('/teamId', 'no such team');
    const changed = await repos.backoffice.assign(input.caseIds, teamId, userId);
    for (const c of changed) await appendEvent(repos, actor, c, now, 'case.assigned', { teamId: c.teamId, userId: c.assignedUserId, by: 'hand' });
    return { assigned: changed.length };
  });
}

export type NewRule = Omit<AssignmentRuleRow, 'id' | 'position'>;

export function ruleMatches(rule: Pick<AssignmentRuleRow, 'creditorId' | 'postcodePrefix' | 'category' | 'minBalanceCents'>, c: { creditorId: string; postcode: string | null; category: string; balanceCents: number }): boolean {
  return (rule.creditorId === null || rule.creditorId === c.creditorId)
    && (rule.postcodePrefix === null || (c.postcode ?? '').startsWith(rule.postcodePrefix))
    && (rule.category === null || rule.category === c.category)
    && (rule.minBalanceCents === null || c.balanceCents >= rule.minBalanceCents);
}

export async function listAssignmentSetup(deps: { uow: UnitOfWork }, actor: Actor) {
  requireManager(actor);
  return deps.uow.run(async (repos) => ({ ...(await repos.backoffice.listTeamsAndAgents()), rules: await repos.backoffice.listRules() }));
}

export async function replaceAssignmentRules(deps: { uow: UnitOfWork }, actor: Actor, rules: readonly NewRule[]) {
  requireManager(actor);
  return deps.uow.run(async (repos) => {
    for (const [i, r] of rules.entries()) if (!(await repos.backoffice.teamExists(r.teamId))) throw invalid(`/rules/${i}/teamId`, 'no such team');
    return repos.backoffice.replaceRules(rules.map((r, i) => ({ ...r, position: i + 1 })), actor.kind === 'user' ? actor.userId : 'system');
  });
}

/** Applies the rules to open cases without a team, in batches; returns how many were assigned. */
export async function applyAssignmentRules(deps: { uow: UnitOfWork; clock: Clock }, actor: Actor, maxCases = 10_000) {
  requireManager(actor);
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    const rules = await repos.backoffice.listRules();
    const candidates = await repos.backoffice.unassignedCases(maxCases);
    let assigned = 0;
    for (const c of candidates) {
      const rule = rules.find((r) => ruleMatches(r, c));
      if (!rule) continue;
      await repos.backoffice.assign([c.caseId], rule.teamId, rule.userId);
      await appendEvent(repos, actor, c, now, 'case.assigned', { teamId: rule.teamId, userId: rule.userId, by: 'rule', ruleId: rule.id, rule: rule.name });
      assigned++;
    }
    return { assigned, examined: candidates.length };
  });
}
