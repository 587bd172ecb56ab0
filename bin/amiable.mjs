#!/usr/bin/env -S node --max-semi-space-size=64
// Entry point of the `amiable` command: runs the TypeScript CLI through tsx, so no build step is needed.
// The flag on the first line (also in `npm start`, and read from here by the scale benchmark): V8's young
// generation may grow to 64 MB semi-spaces instead of Node 20's 16 MB. A server page allocates its rows,
// engine decisions and JSON, most of it dead before the next collection: with 16 MB, scavenges ran so
// often that they were ~20 % of the API process's CPU under 50 worklist connections; with 64 MB, ~7 %,
// and the process used ~12 % less CPU per page, for ~80 MB more resident memory (docs/scale.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
