#!/usr/bin/env node
// Runs bench/tools/profile-pipeline.ts (or, with `--reports`, profile-reports.ts) through tsx with the
// CLI's `?raw` import hooks.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('../../bin/raw-import-hooks.js', import.meta.url);
await import(process.argv.includes('--reports') ? './profile-reports.ts' : './profile-pipeline.ts');
