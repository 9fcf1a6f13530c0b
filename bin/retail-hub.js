#!/usr/bin/env node
// The headless CLI's entry: runs the TypeScript sources through tsx, so the CLI is the app's own code.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
