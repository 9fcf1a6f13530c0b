import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DashboardReports } from '../../src/lib/analytics/reports';
import type { LakeManifest } from '../../src/lib/pipeline/types';

const run = promisify(execFile);

/** Runs `npm run cli -- <args>` (the bin itself) and returns its standard output. */
export async function cli(...args: string[]): Promise<string> {
	const { stdout } = await run('node', ['bin/retail-hub.js', ...args], { maxBuffer: 64 * 2 ** 20 });
	return stdout;
}

/** The seeds of the lakes the CLI makes once per run: the Lake page's default, and another for a second version. */
export const LAKE_SEEDS = [42, 7] as const;
export type LakeSeed = (typeof LAKE_SEEDS)[number];

/** Where the run's CLI lakes live, set by `global-setup.ts` for every worker. */
const LAKES_ENV = 'E2E_CLI_LAKES';

/** Makes the lake of `seed` in `dir`: the CLI generates it with the Lake page's defaults and runs the pipeline on it. */
async function makeCliLake(dir: string, seed: LakeSeed): Promise<void> {
	await cli('generate', '--out', dir, '--seed', String(seed));
	await cli('pipeline', '--lake', dir, '--threads', '1');
}

/** Makes the run's shared lakes (`cliLake`) below `root`, both at once (one core each). */
export async function makeCliLakes(root: string): Promise<void> {
	process.env[LAKES_ENV] = root;
	await Promise.all(LAKE_SEEDS.map((seed) => makeCliLake(cliLake(seed), seed)));
}

/** A lake of the Lake page's defaults in a new temporary folder of its own (named `prefix`…), for the caller to remove. */
export async function newCliLake(prefix: string): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), prefix));
	await makeCliLake(dir, 42);
	return dir;
}

/**
 * A lake folder the CLI generated with the Lake page's defaults (seed 42, or `seed`) and ran the pipeline on:
 * the same data the page's Generate and Run pipeline buttons make, for figures worked out by a second engine
 * (native DuckDB). Made once per run and shared by every test: read it, copy it into a page, never change it.
 */
export function cliLake(seed: LakeSeed = 42): string {
	const root = process.env[LAKES_ENV];
	if (!root)
		throw new Error(`${LAKES_ENV} is unset: run the e2e tests through Playwright (global-setup.ts).`);
	return join(root, `seed-${seed}`);
}

/** `cli report --json` over a lake's Gold: every dashboard's report, with the pages' `filters`. */
export async function cliReports(lake: string, ...filters: string[]): Promise<DashboardReports> {
	return (
		JSON.parse(await cli('report', '--lake', lake, '--json', ...filters)) as { pages: DashboardReports }
	).pages;
}

/** A lake folder's published manifest. */
export async function lakeManifest(lake: string): Promise<LakeManifest> {
	return JSON.parse(await readFile(join(lake, '_manifest.json'), 'utf8')) as LakeManifest;
}
