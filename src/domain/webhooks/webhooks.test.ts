import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDelivered, retryDelayMs, WEBHOOK_MAX_ATTEMPTS, webhookEventsFor } from './webhooks.ts';

const id = '0192f3a4-5b6c-7d8e-9f00-112233445566';

describe('webhookEventsFor', () => {
  it('passes subscribable case events through with a stable message id', () => {
    expect(webhookEventsFor({ id, type: 'payment.received', data: { amountCents: 100 } })).toEqual([{ type: 'payment.received', messageId: 'msg_0192f3a45b6c7d8e9f00112233445566' }]);
  });

  it('adds case.closed to a status change to a closed state, and only then', () => {
    expect(webhookEventsFor({ id, type: 'case.status_changed', data: { from: 'active', to: 'closed_returned' } }).map((e) => e.type)).toEqual(['case.status_changed', 'case.closed']);
    expect(webhookEventsFor({ id, type: 'case.status_changed', data: { from: 'notice_pending', to: 'active' } }).map((e) => e.type)).toEqual(['case.status_changed']);
  });

  it('ignores internal event types (notes, messages, contact attempts) and a stored case.closed', () => {
    for (const type of ['note.added', 'message.sent', 'contact.attempted', 'case.updated', 'case.closed']) expect(webhookEventsFor({ id, type, data: {} })).toEqual([]);
  });
});

describe('retryDelayMs', () => {
  it('backs off exponentially from 10 s, capped at 10 h, and gives up after the last attempt', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([10_000, 40_000, 160_000, 640_000]);
    expect(retryDelayMs(7)).toBe(10 * 3600_000);
    expect(retryDelayMs(WEBHOOK_MAX_ATTEMPTS)).toBeNull();
  });

  it('property: never shrinks from one attempt to the next', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: WEBHOOK_MAX_ATTEMPTS - 2 }), (n) => {
      expect(retryDelayMs(n + 1)!).toBeGreaterThanOrEqual(retryDelayMs(n)!);
    }));
  });
});

describe('isDelivered', () => {
  it('counts only 2xx answers', () => {
    expect([200, 204, 299].every(isDelivered)).toBe(true);
    expect([null, 199, 301, 400, 500].some(isDelivered)).toBe(false);
  });
});
