import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFilters } from '../../../src/lib/analytics/filters';
import { AnalyticsService, MANIFEST_FRESH_MS } from '../../../src/lib/engine/analytics-service';
import { LakeService } from '../../../src/lib/engine/lake-service';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { readManifest } from '../../../src/lib/pipeline/run/manifest';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

/**
 * Finding: every dashboard request read the lake's manifest again from OPFS (and checked its SHA-256) in case
 * another tab had published, 20–60 ms of each filter change in the browser (the engine's own log of a
 * Customers walk at 1M lines: 20–63 ms before the first query, against 60–250 ms of queries). Now a read
 * stands for MANIFEST_FRESH_MS (2 s), and another tab's announcement (`manifestChanged`) ends it at once.
 */
describe('the manifest, read again only when it may have changed', () => {
	const store = new MemoryLakeStore();
	let codec: ParquetCodec;
	let publisher: DuckDBWasmEngine;
	let reader: DuckDBWasmEngine;

	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		codec = await createParquetWasmCodec(wasm);
		await generateRaw({ seed: 11, salesLines: 2_000, from: '2024-01-01', to: '2024-03-31' }, store);
		publisher = await openDuckDBWasmNode();
		expect((await runPipeline({ sql: publisher, store, codec })).status).toBe('succeeded');
		reader = await openDuckDBWasmNode();
	}, 120_000);
	afterAll(async () => {
		await publisher?.close();
		await reader?.close();
	});

	it('reads it once for the requests of 2 s, again when another tab announces a version or 2 s have passed', async () => {
		let now = 0;
		let reads = 0;
		const analytics = new AnalyticsService(
			new LakeService(reader, store, codec),
			() => (reads++, readManifest(store)),
			undefined,
			() => now
		);
		const runIdOf = async (channel?: 'pos' | 'web') =>
			(await analytics.report('overview', kpiFilters(channel ? { channel } : {}))).runId;
		const first = (await readManifest(store))!.run_id;

		expect(await runIdOf()).toBe(first);
		expect(reads).toBe(1);
		now = 500;
		expect(await runIdOf('web')).toBe(first);
		expect(reads).toBe(1);

		// "Another tab" publishes a second version: more raw lines, a new run.
		await generateRaw({ seed: 12, salesLines: 1_000, from: '2024-04-01', to: '2024-06-30' }, store);
		expect((await runPipeline({ sql: publisher, store, codec })).status).toBe('succeeded');
		const second = (await readManifest(store))!.run_id;
		expect(second).not.toBe(first);

		// Unannounced, within 2 s of the read at 0: the version read then.
		now = 1_000;
		expect(await runIdOf('pos')).toBe(first);
		expect(reads).toBe(1);
		// Announced: read at once (at 1,000).
		analytics.manifestChanged();
		expect(await runIdOf('pos')).toBe(second);
		expect(reads).toBe(2);
		// Unannounced: 1,999 ms after that read it stands; at 2,000 ms it is read again.
		now = 1_000 + MANIFEST_FRESH_MS - 1;
		await runIdOf('web');
		expect(reads).toBe(2);
		now = 1_000 + MANIFEST_FRESH_MS;
		await runIdOf();
		expect(reads).toBe(3);
	}, 120_000);
});
