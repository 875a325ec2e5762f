#!/usr/bin/env node
// `npm start`: build what is missing or stale, then run `switchboard start` in this process.
import { buildAll } from './build.mjs';

await buildAll();
process.argv = [process.argv[0], 'switchboard', 'start', ...process.argv.slice(2)];
await import('../apps/server/dist/cli.js');
