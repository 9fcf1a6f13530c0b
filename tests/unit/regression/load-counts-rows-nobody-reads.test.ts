import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFilters } from '../../../src/lib/analytics/filters';
import { AnalyticsService } from '../../../src/lib/engine/analytics-service';
import { LakeService } from '../../../src/lib/engine/lake-service';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { openNodeParquetCodec } from '../../../src/lib/parquet/node-parquet-codec';
import { readManifest } from '../../../src/lib/pipeline/run/manifest';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { publishGeneratedLake } from '../helpers/published-lake';

/**
 * Finding: every Gold table a dashboard loaded was then counted (`SELECT count(*)`, 1.9–12 ms each at 1M,
 * seven of them in the Sales page's first answer), and the dashboards threw the count away. Only the SQL
 * console shows a loaded file's rows; the dashboards' loads now run nothing but the load.
 */
describe('a dashboard’s first answer', () => {
	const store = new MemoryLakeStore();
	let codec: ParquetCodec;
	const engines: DuckDBWasmEngine[] = [];

	beforeAll(async () => {
		codec = await openNodeParquetCodec();
		await publishGeneratedLake(store, codec, 8);
	}, 120_000);
	afterAll(async () => {
		await Promise.all(engines.map((engine) => engine.close()));
	});

	it('runs exactly the statements it lists: its queries and the loads of the tables they read', async () => {
		const sql = await openDuckDBWasmNode();
		engines.push(sql);
		const lake = new LakeService(sql, store, codec);
		const analytics = new AnalyticsService(lake, () => readManifest(store));
		const ran: string[] = [];
		const stop = sql.watchStatements((statement) => ran.push(statement));
		await analytics.report('sales', kpiFilters({}));
		stop();
		// The tables the Sales page's queries name: the order parts added up over every day (the cards), two
		// dimensions, three aggregates (the daily order sums place each sale in its state and region, so no store
		// or customer is read).
		const loaded = ran.filter((s) => s.startsWith('load ')).map((s) => s.split(' ')[1]);
		expect(loaded.sort()).toEqual([
			'gold_agg_daily_orders',
			'gold_agg_daily_sales',
			'gold_agg_order_totals',
			'gold_agg_product_sales',
			'gold_dim_date',
			'gold_dim_product'
		]);
		// Every other statement is one of the page's queries, each headed by its grain, or a table of sums some of
		// them read (made once per loaded Gold): the product and daily sales added up over every day.
		const derived = ran.filter((s) => s.startsWith('CREATE TEMP TABLE derived_'));
		expect(derived.map((s) => /over every day of (\w+)/.exec(s)?.[1]).sort()).toEqual([
			'gold_agg_daily_sales',
			'gold_agg_product_sales'
		]);
		expect(
			ran.filter((s) => !s.startsWith('load ') && !s.startsWith('-- Grain') && !derived.includes(s))
		).toEqual([]);

		// The console, which shows the rows, still gets them (the published table, by its friendly name).
		const rows = (await readManifest(store))!.tables['gold/dim_store'].rows;
		expect(await lake.loadParquet('gold/dim_store.parquet', 'stores')).toBe(rows);
	}, 120_000);
});
