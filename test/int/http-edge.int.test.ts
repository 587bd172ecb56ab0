import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let h: TestApp;
beforeAll(async () => {
  h = await createTestApp();
});
afterAll(async () => h?.close());

describe('the HTTP edge', () => {
  it('publishes an OpenAPI 3.1 document describing every documented route', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    const apiRoutes = h.app.routeTable.filter((r) => !r.schema?.hide && (r.url.startsWith('/api/v1') || r.url.endsWith('z')));
    expect(apiRoutes.length).toBeGreaterThan(4);
    for (const route of apiRoutes) {
      for (const method of ([route.method].flat() as HTTPMethods[]).filter((m) => m !== 'HEAD')) {
        expect(documented, `${method} ${route.url}`).toContain(`${method} ${route.url.replace(/:([A-Za-z]+)/g, '{$1}')}`);
      }
    }
    expect(doc.paths['/api/v1/auth/login']).toMatchObject({ post: { responses: { 423: { content: { 'application/problem+json': { schema: { properties: { code: {} } } } } } } } });
  });

  it('serves the browsable API reference', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers validation errors as RFC 9457 problems naming each field', async () => {
    const response = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a', extra: 1 } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json() as { code: string; errors: { path: string }[]; type: string; instance: string };
    expect(problem.code).toBe('validation_failed');
    expect(problem.type).toBe('urn:amiable:problem:validation_failed');
    expect(problem.instance).toMatch(/[0-9a-f-]{36}/);
    expect(problem.errors.map((e) => e.path).join(' ')).toMatch(/body/);
  });

  it('refuses bodies over the size limit and malformed JSON with problems', async () => {
    const big = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"email":"${'a'.repeat(2 * 1024 * 1024)}"}` });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'payload_too_large' });
    const malformed = await h.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('sends security headers', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('reports readiness from the database', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });
});

describe('over HTTPS', () => {
  it('marks the session cookie Secure and sends HSTS when PUBLIC_URL is https', async () => {
    const secure = await createTestApp({ env: { PUBLIC_URL: 'https://amiable.example.fr' } });
    try {
      const user = await secure.createUser('agent');
      const response = await secure.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: user.email, password: user.password } });
      expect(response.cookies.find((c) => c.name === 'amiable_session')?.secure).toBe(true);
      expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    } finally {
      await secure.close();
    }
  });
});
