import { describe, expect, it } from 'vitest';
import { caseStatuses, isCaseStatus, isClosed, isCollectable } from './case-status.ts';

describe('case status', () => {
  it('recognises exactly the closed set', () => {
    for (const status of caseStatuses) expect(isCaseStatus(status)).toBe(true);
    expect(isCaseStatus('open')).toBe(false);
    expect(isCaseStatus('')).toBe(false);
  });

  it('never treats a closed case as collectable', () => {
    for (const status of caseStatuses) {
      if (isClosed(status)) expect(isCollectable(status)).toBe(false);
    }
    expect(caseStatuses.filter(isClosed)).toEqual([
      'closed_paid', 'closed_settled', 'closed_prescribed', 'closed_returned', 'closed_erroneous',
    ]);
    expect(isCollectable('litigation')).toBe(false);
    expect(isCollectable('intake')).toBe(false);
    expect(isCollectable('active')).toBe(true);
  });
});
