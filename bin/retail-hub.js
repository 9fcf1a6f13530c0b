#!/usr/bin/env node
// The headless CLI's entry: runs the TypeScript sources through tsx, so the CLI is the app's own code.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

// A reader that stops early (`| head`) closes the pipe: the output is done with, which is no failure.
process.stdout.on('error', (error) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

registerTsx();
register('./raw-import-hooks.js', import.meta.url);
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
