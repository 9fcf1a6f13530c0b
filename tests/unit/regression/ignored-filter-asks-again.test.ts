import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFilters } from '../../../src/lib/analytics/filters';
import { AnalyticsService } from '../../../src/lib/engine/analytics-service';
import { LakeService } from '../../../src/lib/engine/lake-service';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { readManifest } from '../../../src/lib/pipeline/run/manifest';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { freshEngineReport } from '../helpers/fresh-report';

/**
 * Finding: a filter change ran again every query of the page, those the filter does not touch included:
 * Logistics under a category computed its shipments summary, delay histogram and statuses again (shipments
 * have no category), 82–120 ms of statements at 1M lines in the bench. Now a report's query asked again with
 * the same text on the same Gold gets the answer kept (KeptAnswers), and a new version asks again.
 */
describe('a query a filter does not touch, answered once per Gold version', () => {
	const store = new MemoryLakeStore();
	let codec: ParquetCodec;
	let publisher: DuckDBWasmEngine;
	let reader: DuckDBWasmEngine;
	// The first line of logistics/seasonal-demand.sql, the one Logistics query that reads the category, cut at
	// 90 characters.
	const SEASONAL =
		"one calendar month (YYYY-MM) × product category of the sales a (gold_agg_daily_sales' row…";

	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		codec = await createParquetWasmCodec(wasm);
		await generateRaw({ seed: 3, salesLines: 2_000, from: '2024-01-01', to: '2024-03-31' }, store);
		publisher = await openDuckDBWasmNode();
		expect((await runPipeline({ sql: publisher, store, codec })).status).toBe('succeeded');
		reader = await openDuckDBWasmNode();
	}, 120_000);
	afterAll(async () => {
		await publisher?.close();
		await reader?.close();
	});

	it('Logistics under a category runs only its category query; a new version runs them all again', async () => {
		const analytics = new AnalyticsService(new LakeService(reader, store, codec), () => readManifest(store));
		await analytics.report('logistics', kpiFilters({}));
		const electronics = kpiFilters({ category: 'Electronics' });
		const { report, statements } = await analytics.report('logistics', electronics);
		expect(statements.map((s) => [s.label, s.count])).toEqual([[SEASONAL, 1]]);
		expect(report).toEqual((await freshEngineReport(store, codec, 'logistics', electronics)).report);

		// Another version: more lines, a new run; announced, so the next report reads it.
		await generateRaw({ seed: 4, salesLines: 1_000, from: '2024-04-01', to: '2024-06-30' }, store);
		expect((await runPipeline({ sql: publisher, store, codec })).status).toBe('succeeded');
		analytics.manifestChanged();
		const again = await analytics.report('logistics', electronics);
		expect(again.statements.length).toBeGreaterThan(3);
		const fresh = (await freshEngineReport(store, codec, 'logistics', electronics)).report;
		expect(again.report).toEqual(fresh);
		expect(again.report).not.toEqual(report);
	}, 120_000);
});
