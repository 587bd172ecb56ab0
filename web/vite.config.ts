/// <reference types="node" />
// Node types are referenced here only: this file runs in Node, web/src runs in the browser
// (ESLint forbids Node globals there).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API server (npm start) listens on 3000; in development Vite serves the UI and forwards
// API and health calls so the session cookie stays same-origin, exactly as in production.
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  css: { postcss: root },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Source maps stay out of the production bundle the server ships; chunks are split per route.
    sourcemap: false,
    // Two entries: the back office (index.html, React + Mantine) and the debtor portal (portal.html,
    // issue #8: plain TypeScript and CSS, served at /portail, first screen far under 150 KB gzipped).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        portal: fileURLToPath(new URL('./portal.html', import.meta.url)),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
      '/readyz': { target: apiTarget, changeOrigin: false },
    },
  },
});
