import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFilters } from '../../../src/lib/analytics/filters';
import { AnalyticsService, PRELOAD_CATEGORY_SUMS_MAX_ROWS } from '../../../src/lib/engine/analytics-service';
import { LakeService } from '../../../src/lib/engine/lake-service';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { readManifest } from '../../../src/lib/pipeline/run/manifest';
import type { LakeManifest } from '../../../src/lib/pipeline/types';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { publishGeneratedLake } from '../helpers/published-lake';

/**
 * Finding: the first category chosen on any dashboard waited for the order parts by category to load
 * (gold_fact_order_categories, 723k rows at 1M lines): the Overview's first category change took 1.9–2.3 s
 * in the bench, 845–1,080 ms of it that load, and then added them up over every day (160–190 ms more). Now Gold
 * publishes them added up over every day (gold_agg_category_order_totals, 6 times fewer rows), which a category
 * filter reads with no date range beside their daily sums, and a dashboard's report without a category asks the
 * engine to load those two once the pages are quiet (`preloadCategorySums`), up to PRELOAD_CATEGORY_SUMS_MAX_ROWS.
 */
describe('the first category filter, with the category sums loaded ahead', () => {
	const store = new MemoryLakeStore();
	let codec: ParquetCodec;
	const engines: DuckDBWasmEngine[] = [];
	/** What a category filter reads with no date range: the order parts by category summed over every day and by day. */
	const LOADS = [
		'load gold_agg_category_order_totals (Arrow rows into DuckDB)',
		'load gold_agg_daily_category_orders (Arrow rows into DuckDB)'
	];
	const PARTS_LOAD = 'load gold_fact_order_categories (Arrow rows into DuckDB)';
	const ELECTRONICS = kpiFilters({ category: 'Electronics' });

	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		codec = await createParquetWasmCodec(wasm);
		await publishGeneratedLake(store, codec, 5);
	}, 120_000);
	afterAll(async () => {
		await Promise.all(engines.map((engine) => engine.close()));
	});

	/** A page's engine, fresh: it loads the Gold it reads from the published Parquet, as `manifest` names it. */
	async function pageAnalytics(
		manifest: () => Promise<LakeManifest | null> = () => readManifest(store)
	): Promise<AnalyticsService> {
		const sql = await openDuckDBWasmNode();
		engines.push(sql);
		return new AnalyticsService(new LakeService(sql, store, codec), manifest);
	}

	const loads = (statements: { label: string; count: number }[]) =>
		statements.filter((s) => LOADS.includes(s.label)).reduce((total, s) => total + s.count, 0);
	/** The order parts by category, whole: no query reads them without a date range. */
	const partsLoaded = (statements: { label: string }[]) =>
		statements.filter((s) => s.label === PARTS_LOAD).length;

	it('without it, the first category report loads them; after it, none does, and the figures are the same', async () => {
		const unprepared = await pageAnalytics();
		await unprepared.report('overview', kpiFilters({}));
		const waited = await unprepared.report('overview', ELECTRONICS);
		expect(loads(waited.statements)).toBe(2);
		expect(partsLoaded(waited.statements)).toBe(0);

		const prepared = await pageAnalytics();
		await prepared.report('overview', kpiFilters({}));
		expect(await prepared.preloadCategorySums()).toBe(true);
		const ready = await prepared.report('overview', ELECTRONICS);
		expect(loads(ready.statements)).toBe(0);
		expect(partsLoaded(ready.statements)).toBe(0);
		expect(ready.report).toEqual(waited.report);
		// A second preload finds them loaded: the engine runs no statement.
		const heard: string[] = [];
		const stopListening = engines.at(-1)!.watchStatements((statement) => heard.push(statement));
		expect(await prepared.preloadCategorySums()).toBe(true);
		stopListening();
		expect(heard).toEqual([]);
	}, 120_000);

	it('leaves them to the first category chosen above PRELOAD_CATEGORY_SUMS_MAX_ROWS rows', async () => {
		const large = async () => {
			const manifest = (await readManifest(store))!;
			const table = manifest.tables['gold/agg_category_order_totals'];
			expect(table.rows).toBeLessThan(PRELOAD_CATEGORY_SUMS_MAX_ROWS);
			return {
				...manifest,
				tables: {
					...manifest.tables,
					'gold/agg_category_order_totals': { ...table, rows: PRELOAD_CATEGORY_SUMS_MAX_ROWS + 1 }
				}
			};
		};
		const analytics = await pageAnalytics(large);
		await analytics.report('overview', kpiFilters({}));
		expect(await analytics.preloadCategorySums()).toBe(false);
		expect(loads((await analytics.report('overview', ELECTRONICS)).statements)).toBe(2);
	}, 120_000);
});
