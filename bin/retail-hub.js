#!/usr/bin/env node
// The headless CLI's entry: runs the TypeScript sources through tsx, so the CLI is the app's own code.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./raw-import-hooks.js', import.meta.url);
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
