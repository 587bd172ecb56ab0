#!/usr/bin/env node
/**
 * The debtor portal's first-screen JavaScript, gzipped (issue #8 budget: under 150 KB). Reads the
 * built web/dist/portal.html, follows its module script and modulepreload links, gzips each file
 * (level 9) and prints the sizes; exits 1 above the budget. Run after `npm run build:web`.
 * The e2e test e2e/portal.spec.ts measures the same thing in Chromium (the scripts actually loaded).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 150 * 1024;
const dist = fileURLToPath(new URL('../web/dist/', import.meta.url));
const html = readFileSync(join(dist, 'portal.html'), 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]);
let raw = 0;
let gzipped = 0;
for (const file of files) {
  const bytes = readFileSync(join(dist, file.replace(/^\//, '')));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  console.log(`${file}  ${bytes.length} B raw  ${gz} B gzipped`);
}
console.log(`portal first screen: ${files.length} file(s), ${raw} B raw, ${gzipped} B gzipped (${(gzipped / 1024).toFixed(1)} KiB; budget ${BUDGET / 1024} KiB)`);
if (!files.length || gzipped > BUDGET) process.exit(1);
