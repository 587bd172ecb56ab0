import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseStatuses, isClosed } from './case-status.ts';
import { caseTransitionEvents, canTransition, IllegalTransitionError, transition } from './case-transitions.ts';

describe('case transitions', () => {
  it('follows the process: intake → notice → active ⇄ promise/plan → closed', () => {
    let status = transition('intake', 'intake_accepted');
    expect(status).toBe('notice_pending');
    status = transition(status, 'notice_sent');
    expect(status).toBe('active');
    status = transition(status, 'promise_made');
    expect(status).toBe('promise');
    status = transition(status, 'plan_agreed');
    expect(status).toBe('plan');
    status = transition(status, 'plan_ended');
    expect(status).toBe('active');
    expect(transition(status, 'paid_in_full')).toBe('closed_paid');
    expect(transition('plan', 'settlement_paid')).toBe('closed_settled');
    expect(transition('litigation', 'paid_in_full')).toBe('closed_paid');
  });

  it('never reopens a closed case', () => {
    fc.assert(fc.property(fc.constantFrom(...caseStatuses.filter(isClosed)), fc.constantFrom(...caseTransitionEvents), (status, event) => {
      expect(canTransition(status, event)).toBe(false);
      expect(() => transition(status, event)).toThrow(IllegalTransitionError);
    }));
  });

  it('leads every allowed event to a known status, and only closing events to a closed one', () => {
    const closing = new Set(['paid_in_full', 'settlement_paid', 'time_barred', 'returned_to_creditor', 'dispute_upheld']);
    for (const status of caseStatuses) {
      for (const event of caseTransitionEvents) {
        if (!canTransition(status, event)) continue;
        const next = transition(status, event);
        expect(caseStatuses).toContain(next);
        expect(isClosed(next)).toBe(closing.has(event));
      }
    }
  });

  it('refuses a plan on a case still waiting for its notice, and litigation twice', () => {
    expect(() => transition('notice_pending', 'plan_agreed')).toThrow(/notice_pending cannot take the event plan_agreed/);
    expect(canTransition('litigation', 'litigation_handoff')).toBe(false);
  });
});
