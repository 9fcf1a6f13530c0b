import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFilters } from '../../src/lib/analytics/filters';
import { AnalyticsService } from '../../src/lib/engine/analytics-service';
import { LakeService } from '../../src/lib/engine/lake-service';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import { readManifest } from '../../src/lib/pipeline/run/manifest';
import { runPipeline } from '../../src/lib/pipeline/run/run-pipeline';
import type { DuckDBWasmEngine } from '../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';

/**
 * A report comes with the engine's time on its statements (the dashboards' "where the engine spent its
 * time", the bench's slowest statements), named by their KPI queries' Grain sentences.
 */
describe('a report’s statements (generated lake, AnalyticsService)', () => {
	const store = new MemoryLakeStore();
	let sql: DuckDBWasmEngine;
	let analytics: AnalyticsService;

	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		const codec = await createParquetWasmCodec(wasm);
		await generateRaw({ seed: 7, salesLines: 2_000, from: '2024-01-01', to: '2024-03-31' }, store);
		sql = await openDuckDBWasmNode();
		expect((await runPipeline({ sql, store, codec })).status).toBe('succeeded');
		// A fresh engine, as a page's: it loads the Gold it reads from the published Parquet.
		await sql.close();
		sql = await openDuckDBWasmNode();
		analytics = new AnalyticsService(new LakeService(sql, store, codec), () => readManifest(store));
	}, 120_000);
	afterAll(() => sql?.close());

	// The first lines of the Overview's four KPI queries (commercial/*.sql), the trend's {{grain}} filled with
	// 'month', each cut to 90 characters (89 and an ellipsis) where longer.
	const CARDS = 'one row, the totals of the sales lines that match the filters, read from their order part…';
	const TREND = "one period ('month': day, ISO week from Monday, or month) with sales matching the filters";
	const CITIES = "one city of a line (POS: the store's, web: the customer's) with sales matching the filters";
	const CHANNELS =
		'one channel (pos, web) with sales matching the filters (o: their daily order sums): share,';
	// The order parts Gold added up over every day (gold_agg_order_totals), which the cards read with no date range.
	const PART_TOTALS = 'load gold_agg_order_totals (Arrow rows into DuckDB)';

	it('names each KPI query once per run of it, and the tables the first report loads', async () => {
		// A date range: the cards also total the period before it, so their query runs twice.
		const { statements } = await analytics.report(
			'overview',
			kpiFilters({ from: '2024-02-01', to: '2024-02-29' })
		);
		const counts = Object.fromEntries(statements.map((s) => [s.label, s.count]));
		expect(counts[CARDS]).toBe(2);
		expect(counts[TREND]).toBe(1);
		expect(counts[CITIES]).toBe(1);
		expect(counts[CHANNELS]).toBe(1);
		// The lake's few thousand order parts, and their daily sums, are one Parquet row group each: one Arrow load.
		expect(counts['load gold_fact_orders (Arrow rows into DuckDB)']).toBe(1);
		expect(counts['load gold_agg_daily_orders (Arrow rows into DuckDB)']).toBe(1);
		expect(statements.map((s) => s.ms)).toEqual([...statements.map((s) => s.ms)].sort((a, b) => b - a));
	});

	it('leaves out what an earlier report loaded, and the cards’ previous period without a date range', async () => {
		const { statements } = await analytics.report('overview', kpiFilters({ channel: 'web' }));
		// With no date range the cards read the parts' totals, loaded by this first report without one.
		expect(statements.map((s) => [s.label, s.count]).sort()).toEqual(
			[
				[PART_TOTALS, 1],
				[CARDS, 1],
				[TREND, 1],
				[CITIES, 1],
				[CHANNELS, 1]
			].sort()
		);
	});
});
