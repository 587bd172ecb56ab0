import { describe, expect, it } from 'vitest';
import { AppError, errorCodes } from '../../application/errors.ts';
import { problemByCode, problemFor } from './problem.ts';

describe('problem details', () => {
  it('maps every error code to an HTTP error status', () => {
    expect(Object.keys(problemByCode).sort()).toEqual([...errorCodes].sort());
    for (const code of errorCodes) {
      expect(problemByCode[code].status).toBeGreaterThanOrEqual(400);
      expect(problemByCode[code].status).toBeLessThan(600);
    }
  });

  it('builds an RFC 9457 body with a stable code and never leaks internal messages', () => {
    expect(problemFor(new AppError('not_found', 'Case not found'), 'req-1')).toEqual({
      type: 'urn:amiable:problem:not_found', title: 'Not found', status: 404, code: 'not_found', detail: 'Case not found', instance: 'req-1',
    });
    const internal = problemFor(new AppError('internal', 'relation "secret_table" does not exist'), 'req-2');
    expect(internal).not.toHaveProperty('detail');
    expect(JSON.stringify(internal)).not.toContain('secret_table');
  });
});
