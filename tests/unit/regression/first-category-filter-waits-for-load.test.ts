import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFilters } from '../../../src/lib/analytics/filters';
import { AnalyticsService, PRELOAD_CATEGORY_PARTS_MAX_ROWS } from '../../../src/lib/engine/analytics-service';
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
 * in the bench, 845–1,080 ms of it that load. Now a dashboard's report without a category asks the engine to
 * load them (and their daily sums) once the pages are quiet (`preloadCategoryParts`), up to
 * PRELOAD_CATEGORY_PARTS_MAX_ROWS. The same change then added them up over every day (160–190 ms more): the
 * preload makes that table too.
 */
describe('the first category filter, with the order parts by category loaded ahead', () => {
	const store = new MemoryLakeStore();
	let codec: ParquetCodec;
	const engines: DuckDBWasmEngine[] = [];
	/** What a category filter reads: the order parts by category and their daily sums. */
	const LOADS = [
		'load gold_fact_order_categories (Arrow rows into DuckDB)',
		'load gold_agg_daily_category_orders (Arrow rows into DuckDB)'
	];
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
	/** The order parts by category added up over every day (order-part-totals.sql), made as a derived table. */
	const categoryTotalsMade = (statements: { label: string }[]) =>
		statements.filter((s) => s.label.startsWith('kept: one customer version') && s.label.includes('category'))
			.length;

	it('without it, the first category report loads them; after it, none does, and the figures are the same', async () => {
		const unprepared = await pageAnalytics();
		await unprepared.report('overview', kpiFilters({}));
		const waited = await unprepared.report('overview', ELECTRONICS);
		expect(loads(waited.statements)).toBe(2);
		expect(categoryTotalsMade(waited.statements)).toBe(1);

		const prepared = await pageAnalytics();
		await prepared.report('overview', kpiFilters({}));
		expect(await prepared.preloadCategoryParts()).toBe(true);
		const ready = await prepared.report('overview', ELECTRONICS);
		expect(loads(ready.statements)).toBe(0);
		expect(categoryTotalsMade(ready.statements)).toBe(0);
		expect(ready.report).toEqual(waited.report);
		// A second preload finds them loaded: the engine runs no statement.
		const heard: string[] = [];
		const stopListening = engines.at(-1)!.watchStatements((statement) => heard.push(statement));
		expect(await prepared.preloadCategoryParts()).toBe(true);
		stopListening();
		expect(heard).toEqual([]);
	}, 120_000);

	it('leaves them to the first category chosen above PRELOAD_CATEGORY_PARTS_MAX_ROWS rows', async () => {
		const large = async () => {
			const manifest = (await readManifest(store))!;
			const table = manifest.tables['gold/fact_order_categories'];
			expect(table.rows).toBeLessThan(PRELOAD_CATEGORY_PARTS_MAX_ROWS);
			return {
				...manifest,
				tables: {
					...manifest.tables,
					'gold/fact_order_categories': { ...table, rows: PRELOAD_CATEGORY_PARTS_MAX_ROWS + 1 }
				}
			};
		};
		const analytics = await pageAnalytics(large);
		await analytics.report('overview', kpiFilters({}));
		expect(await analytics.preloadCategoryParts()).toBe(false);
		expect(loads((await analytics.report('overview', ELECTRONICS)).statements)).toBe(2);
	}, 120_000);
});
