import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseStatuses } from './case-status.ts';
import { isClosed } from './case-status.ts';
import { decideRecall } from './recall.ts';

const idle = { activePlan: false, pendingSettlement: false, pendingPromises: 0, paymentsInProgress: 0 };

describe('decideRecall', () => {
  it('allows the recall of an open case with nothing in progress', () => {
    expect(decideRecall({ status: 'active', ...idle }, false)).toEqual({ allowed: true, forced: false, blockers: [] });
  });

  it('refuses while a plan is active, naming the reason, unless forced', () => {
    const refused = decideRecall({ status: 'plan', ...idle, activePlan: true }, false);
    expect(refused.allowed).toBe(false);
    expect(refused.blockers.map((b) => b.code)).toEqual(['active_plan']);
    expect(refused.blockers[0]!.message.fr).toContain('échéancier');
    expect(decideRecall({ status: 'plan', ...idle, activePlan: true }, true)).toMatchObject({ allowed: true, forced: true });
  });

  it('lists every blocker: settlement, promise, payment in progress', () => {
    const decision = decideRecall({ status: 'promise', activePlan: false, pendingSettlement: true, pendingPromises: 2, paymentsInProgress: 1 }, false);
    expect(decision.blockers.map((b) => b.code)).toEqual(['pending_settlement', 'pending_promise', 'payment_in_progress']);
  });

  it('never recalls a closed case, even forced', () => {
    expect(decideRecall({ status: 'closed_paid', ...idle }, true)).toMatchObject({ allowed: false, blockers: [{ code: 'already_closed' }] });
  });

  it('property: allowed ⇔ open and (no blocker or forced)', () => {
    fc.assert(fc.property(
      fc.constantFrom(...caseStatuses), fc.boolean(), fc.boolean(), fc.nat(3), fc.nat(3), fc.boolean(),
      (status, activePlan, pendingSettlement, pendingPromises, paymentsInProgress, force) => {
        const decision = decideRecall({ status, activePlan, pendingSettlement, pendingPromises, paymentsInProgress }, force);
        const blocked = activePlan || pendingSettlement || pendingPromises > 0 || paymentsInProgress > 0;
        expect(decision.allowed).toBe(!isClosed(status) && (!blocked || force));
        if (!decision.allowed) expect(decision.blockers.length).toBeGreaterThan(0);
      },
    ));
  });
});
