// Profiles the dashboards' reports over a published lake on DuckDB-WASM's Node build (the browser's
// engine, one thread): each page's report under the filter changes the bench makes (none, then each of
// the first city, category and channel), its time, and its slowest queries, each timed alone.
// `node bench/tools/profile.js --reports --lake DIR [--repeat N]` (the lake is only read).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GoldTables, withGoldTables } from '../../src/lib/analytics/gold-tables';
import { earlierGoldStandIns } from '../../src/lib/analytics/gold-compat';
import type { KpiFilters } from '../../src/lib/analytics/filters';
import { DASHBOARD_PAGES, pageReport } from '../../src/lib/analytics/reports';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import { readManifest } from '../../src/lib/pipeline/run/lake-state';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';
import { loadParquetTable } from '../../src/lib/sql/load-parquet';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';
import { openNodeParquetCodec } from '../../src/lib/parquet/node-parquet-codec';

const args = process.argv.slice(2);
const lake = args[args.indexOf('--lake') + 1];
const repeat = Number(args.includes('--repeat') ? args[args.indexOf('--repeat') + 1] : 1);

/** The statements the reports ran (queries and the relations they make), in order. */
const queries: { ms: number; what: string; sql: string }[] = [];
let current = '';

function timed(sql: SqlEngine): SqlEngine {
	return new Proxy(sql, {
		get(target, property, receiver) {
			const value = Reflect.get(target, property, receiver);
			if (property !== 'query' && property !== 'exec')
				return typeof value === 'function' ? value.bind(target) : value;
			return async (text: string, options?: unknown) => {
				const t = performance.now();
				try {
					return await value.call(target, text, options);
				} finally {
					queries.push({ ms: performance.now() - t, what: current, sql: text });
				}
			};
		}
	});
}

async function main() {
	const store = new NodeLakeStore(lake);
	const [engine, codec] = await Promise.all([openDuckDBWasmNode(), openNodeParquetCodec()]);
	const gold = new GoldTables(
		() => readManifest(store),
		async (path, table) => loadParquetTable(engine, codec, table, await readFile(join(lake, path))),
		undefined,
		earlierGoldStandIns(engine)
	);
	const sql = withGoldTables(timed(engine), gold);
	const first = async (query: string) => String((await engine.query(query)).rows[0]?.value);
	// Loads what the filters need, untimed.
	await sql.query('SELECT count(*) FROM gold_fact_sales, gold_dim_product, gold_dim_store LIMIT 1');
	const city = await first('SELECT min(city) AS value FROM gold_dim_store');
	const category = await first('SELECT min(category) AS value FROM gold_dim_product');
	const changes: [string, KpiFilters][] = [
		['all', {}],
		[`city ${city}`, { city }],
		[`category ${category}`, { category }],
		['channel web', { channel: 'web' }]
	];
	const reports: { ms: number; what: string }[] = [];
	for (const page of DASHBOARD_PAGES) {
		// The first report also loads the page's tables: not counted.
		await pageReport(sql, page, { spikes: 'exclude' });
		queries.length = 0;
		for (let i = 0; i < repeat; i++)
			for (const [name, filters] of changes) {
				current = `${page} ${name}`;
				const t = performance.now();
				await pageReport(sql, page, { ...filters, spikes: 'exclude' });
				reports.push({ ms: performance.now() - t, what: current });
			}
		// A report's queries are issued together, so each one's time above includes its wait: replay them
		// one by one, in the order they ran (a report's own relations are made and dropped again; a derived
		// table, which outlives its report, is made anew).
		for (const query of queries) {
			const t = performance.now();
			await engine.exec(query.sql.replace(/^CREATE TEMP TABLE/, 'CREATE OR REPLACE TEMP TABLE'));
			query.ms = performance.now() - t;
		}
		const byQuery = [...queries].sort((a, b) => b.ms - a.ms).slice(0, 8);
		console.log(`\n${page}: ${queries.length} queries, the slowest run alone`);
		for (const { ms, what, sql: text } of byQuery)
			console.log(
				`  ${ms.toFixed(0).padStart(6)} ms  ${what.padEnd(24)} ${text.replace(/\s+/g, ' ').slice(0, 150)}`
			);
		queries.length = 0;
	}
	console.log('\nreports (ms):');
	for (const { ms, what } of reports) console.log(`  ${ms.toFixed(0).padStart(6)}  ${what}`);
	await engine.close();
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
