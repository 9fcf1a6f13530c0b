import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DashboardReports } from '../../src/lib/analytics/reports';

const run = promisify(execFile);

/** Runs `npm run cli -- <args>` (the bin itself) and returns its standard output. */
export async function cli(...args: string[]): Promise<string> {
	const { stdout } = await run('node', ['bin/retail-hub.js', ...args], { maxBuffer: 64 * 2 ** 20 });
	return stdout;
}

/**
 * A lake folder the CLI generated with the Lake page's defaults and ran the pipeline on: the same data the
 * page's Generate and Run pipeline buttons make, for figures worked out by a second engine (native DuckDB).
 */
export async function cliLake(prefix: string): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), prefix));
	await cli('generate', '--out', dir);
	await cli('pipeline', '--lake', dir, '--threads', '1');
	return dir;
}

/** `cli report --json` over a lake: every dashboard page's report for these filters (`--city`, …). */
export async function cliReports(lake: string, ...filters: string[]): Promise<DashboardReports> {
	return (
		JSON.parse(await cli('report', '--lake', lake, '--json', ...filters)) as { pages: DashboardReports }
	).pages;
}
