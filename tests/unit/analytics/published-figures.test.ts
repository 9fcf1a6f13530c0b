import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { kpiFilters } from '../../../src/lib/analytics/filters';
import { publishedReport, type PublishedFigures } from '../../../src/lib/analytics/published-figures';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { rollBack } from '../../../src/lib/pipeline/run/lake-repair';
import { readManifest } from '../../../src/lib/pipeline/run/manifest';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest } from '../../../src/lib/pipeline/types';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { freshEngineReport } from '../helpers/fresh-report';

const WEB_ORDERS = 'raw/web_orders/gen-s3-2024-01-01-2024-03-31.ndjson';

/**
 * The figures a run publishes for the default view are the engine's own: the Overview report a fresh engine
 * computes on that version's published Parquet (as a first visit's engine does), and they go with their
 * version (a later run replaces them, a rollback brings the earlier ones back).
 */
describe('published figures (generated lake, real pipeline, DuckDB-WASM)', () => {
	const store = new MemoryLakeStore();
	let pipelineSql: DuckDBWasmEngine;
	let codec: ParquetCodec;
	let first: LakeManifest;
	let second: LakeManifest;

	/** The manifest's figures, checked against its size and SHA-256 by reading them as the app does. */
	async function figuresOf(manifest: LakeManifest): Promise<PublishedFigures> {
		expect(manifest.figures?.path).toBe(`gold/_figures/${manifest.run_id}.json`);
		const bytes = await store.read(manifest.figures!.path);
		expect(bytes.byteLength).toBe(manifest.figures!.bytes);
		return JSON.parse(new TextDecoder().decode(bytes)) as PublishedFigures;
	}

	/** The Overview for the URL's default filters, from a fresh engine loading the current version's Gold. */
	const engineOverview = () =>
		freshEngineReport(store, codec, 'overview', kpiFilters({}), { grain: 'month' });

	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		codec = await createParquetWasmCodec(wasm);
		await generateRaw({ seed: 3, salesLines: 4_000, from: '2024-01-01', to: '2024-03-31' }, store);
		pipelineSql = await openDuckDBWasmNode();
		expect((await runPipeline({ sql: pipelineSql, store, codec })).status).toBe('succeeded');
		first = (await readManifest(store))!;
	}, 120_000);
	afterAll(() => pipelineSql?.close());

	it('equal the report a fresh engine computes on the published Gold, for the same run', async () => {
		const figures = await figuresOf(first);
		const engine = await engineOverview();
		expect(engine.runId).toBe(first.run_id);
		expect(figures.run_id).toBe(first.run_id);
		expect(figures.reports.overview).toEqual(engine.report);
		// Not an empty report that any lake would match: the generated sales are in it.
		expect(figures.reports.overview.cards.current.orders).toBeGreaterThan(100);
		expect(figures.reports.overview.trend.map((point) => point.period)).toEqual([
			'2024-01-01',
			'2024-02-01',
			'2024-03-01'
		]);
	});

	it('are offered for the default view of their own run only', async () => {
		const figures = await figuresOf(first);
		const report = figures.reports.overview;
		const runId = first.run_id;
		expect(publishedReport(figures, runId, 'overview', '', {})).toEqual(report);
		expect(publishedReport(figures, runId, 'overview', '', { grain: 'month' })).toEqual(report);
		expect(publishedReport(figures, runId, 'overview', '', { grain: 'week' })).toBeNull();
		expect(publishedReport(figures, runId, 'overview', 'city=Pune', {})).toBeNull();
		expect(publishedReport(figures, runId, 'overview', 'spikes=include', {})).toBeNull();
		expect(publishedReport(figures, 'run-other', 'overview', '', {})).toBeNull();
		expect(publishedReport(figures, runId, 'sales', '', {})).toBeNull();
		expect(publishedReport(null, runId, 'overview', '', {})).toBeNull();
	});

	it('a later run publishes its own figures; a rollback brings back the earlier version’s', async () => {
		const before = await figuresOf(first);
		await store.delete(WEB_ORDERS);
		expect((await runPipeline({ sql: pipelineSql, store, codec })).status).toBe('succeeded');
		second = (await readManifest(store))!;
		const after = await figuresOf(second);
		expect(after.run_id).toBe(second.run_id);
		expect(after.reports.overview).toEqual((await engineOverview()).report);
		// Without the web orders, only store sales are left: fewer orders, one channel.
		expect(after.reports.overview.cards.current.orders).toBeLessThan(
			before.reports.overview.cards.current.orders
		);
		expect(after.reports.overview.channels.map((channel) => channel.channel)).toEqual(['pos']);

		const restored = await rollBack(store);
		expect(restored.run_id).toBe(first.run_id);
		expect(restored.figures).toEqual(first.figures);
		expect(await figuresOf(restored)).toEqual(before);
		expect(before.reports.overview).toEqual((await engineOverview()).report);
	}, 120_000);
});
