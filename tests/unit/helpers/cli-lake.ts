import type { DuckDBConnection } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { LakeManifest, RunLog } from '../../../src/lib/pipeline/types';

/** `cli pipeline` over a lake folder (one thread), asserted to exit 0; its run log. */
export async function cliPipeline(lake: string): Promise<RunLog> {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runCli(['pipeline', '--lake', lake, '--threads', '1', '--json'], {
		out: (text) => out.push(text),
		err: (text) => err.push(text)
	});
	expect(code, err.join('\n')).toBe(0);
	return JSON.parse(out.join('\n')) as RunLog;
}

export async function lakeManifest(lake: string): Promise<LakeManifest> {
	return JSON.parse(await readFile(join(lake, '_manifest.json'), 'utf8')) as LakeManifest;
}

/** The rows of every published Silver and Gold table, by manifest key. */
export function publishedRows(manifest: LakeManifest): Record<string, number> {
	return Object.fromEntries(
		Object.entries(manifest.tables)
			.filter(([key]) => key.startsWith('gold/') || key.startsWith('silver/'))
			.map(([key, table]) => [key, table.rows])
	);
}

export interface FactTotals {
	lines: number;
	orders: number;
	/** Exact, as DuckDB's DECIMAL sum prints it. */
	revenue: string;
	units: number;
}

/** The published fact_sales' lines, distinct orders, revenue and units, read by native DuckDB from its Parquet. */
export async function factTotals(
	native: DuckDBConnection,
	lake: string,
	manifest: LakeManifest
): Promise<FactTotals> {
	const facts = join(lake, manifest.tables['gold/fact_sales'].path);
	const [totals] = (
		await native.runAndReadAll(
			`SELECT count(*)::INTEGER AS lines, count(DISTINCT order_id)::INTEGER AS orders,
			 sum(net_amount)::VARCHAR AS revenue, sum(quantity)::INTEGER AS units FROM read_parquet('${facts}')`
		)
	).getRowObjects() as unknown as FactTotals[];
	return totals;
}
