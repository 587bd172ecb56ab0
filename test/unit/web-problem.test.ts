import { describe, expect, it } from 'vitest';
import { ApiError, networkProblem, parseProblem } from '../../web/src/api/problem.ts';

describe('parseProblem', () => {
  it('keeps the RFC 9457 members and the extension members', () => {
    const body = {
      type: 'urn:amiable:problem:account_locked',
      title: 'Account temporarily locked',
      status: 423,
      detail: 'Too many failed attempts: try again in 15 minutes',
      code: 'account_locked',
      instance: 'req-1',
      retryAfterSeconds: 900,
    };
    const problem = parseProblem(423, body);
    expect(problem).toEqual(body);
    expect(new ApiError(problem).retryAfterSeconds).toBe(900);
  });

  it('trusts the HTTP status over the body', () => {
    expect(parseProblem(401, { status: 200, code: 'unauthenticated', title: 'x' }).status).toBe(401);
  });

  it('keeps field errors and drops malformed ones', () => {
    const problem = parseProblem(400, {
      code: 'validation_failed',
      errors: [{ path: '/email', message: 'must be an e-mail' }, 'junk'],
    });
    expect(problem.errors).toEqual([{ path: '/email', message: 'must be an e-mail' }]);
  });

  it('gives a body that is not a problem a usable code and title', () => {
    for (const body of [undefined, 'Bad Gateway', [], { code: 42 }, { code: 'Not A Code' }]) {
      const problem = parseProblem(502, body);
      expect(problem.code).toBe('unknown_error');
      expect(problem.title).toBe('HTTP 502');
      expect(problem.type).toBe('about:blank');
    }
  });

  it('reads a delay-seconds Retry-After header when the body has no retryAfterSeconds', () => {
    expect(parseProblem(429, { code: 'rate_limited' }, '30').retryAfterSeconds).toBe(30);
    expect(parseProblem(429, { code: 'rate_limited' }, 'Wed, 21 Oct 2026 07:28:00 GMT').retryAfterSeconds).toBeUndefined();
    expect(parseProblem(423, { code: 'account_locked', retryAfterSeconds: 60 }, '30').retryAfterSeconds).toBe(60);
  });
});

describe('ApiError', () => {
  it('exposes status, code, title and detail', () => {
    const error = new ApiError(parseProblem(401, { code: 'invalid_credentials', title: 'Invalid credentials' }));
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials', title: 'Invalid credentials', detail: undefined });
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it('ignores a retryAfterSeconds that is not a non-negative number', () => {
    expect(new ApiError(parseProblem(423, { code: 'account_locked', retryAfterSeconds: '900' })).retryAfterSeconds).toBeUndefined();
    expect(new ApiError(parseProblem(423, { code: 'account_locked', retryAfterSeconds: -1 })).retryAfterSeconds).toBeUndefined();
  });

  it('describes a network failure with its own code', () => {
    const error = new ApiError(networkProblem(new TypeError('Failed to fetch')));
    expect(error).toMatchObject({ status: 0, code: 'network_error', detail: 'Failed to fetch' });
  });
});
