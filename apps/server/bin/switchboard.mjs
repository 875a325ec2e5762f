#!/usr/bin/env node
// The `switchboard` command: rebuilds the server bundle if its sources changed, then runs it.
import { buildAll } from '../../../scripts/build.mjs';

await buildAll({ only: 'server', quiet: true });
await import('../dist/cli.js');
