/** Serves the built web application; any non-API path falls back to index.html (client-side routing). */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function registerWebAssets(app: FastifyInstance, distDir: string): Promise<void> {
  const indexHtml = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexHtml)) throw new Error(`The web build is missing: ${indexHtml} (run npm run build:web)`);
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...route.config, auth: { public: 'web application assets' } };
    });
    await web.register(fastifyStatic, { root: distDir, wildcard: false, index: false, maxAge: '1h', immutable: false });
    // Debtor portal (issue #8): its own light entry, separate from the back office's bundle.
    for (const url of ['/portail', '/portail/*']) {
      web.get(url, { schema: { hide: true } }, (_request, reply) => reply.header('cache-control', 'no-cache').sendFile('portal.html'));
    }
    // The SPA entry: every client-side route returns index.html; the browser app asks for login.
    web.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  });
}
