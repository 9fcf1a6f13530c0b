import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LakeService } from '../../src/lib/engine/lake-service';
import { PIPELINE_LOCK, PipelineService, type PipelineLocks } from '../../src/lib/engine/pipeline-service';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import type { ParquetCodec } from '../../src/lib/parquet/parquet-codec';
import { dropPipelineTables } from '../../src/lib/pipeline/run/engine-bronze';
import { listRuns, readManifest, readQualityReport } from '../../src/lib/pipeline/run/lake-state';
import type { PipelineProgress } from '../../src/lib/pipeline/types';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';

/** Web Locks as one tab sees them when `held` is whether another tab has the lock. */
function fakeLocks(held: boolean): PipelineLocks & { requests: unknown[][] } {
	const requests: unknown[][] = [];
	return {
		requests,
		request: ((name: string, options: LockOptions, callback: (lock: Lock | null) => unknown) => {
			requests.push([name, options]);
			return Promise.resolve().then(() => callback(held ? null : ({ name } as Lock)));
		}) as PipelineLocks['request']
	};
}

/** The real pipeline over a small generated lake (DuckDB-WASM, parquet-wasm, a memory store). */
describe('PipelineService', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	let lake: LakeService;
	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), createParquetWasmCodec(wasm)]);
	});
	afterAll(() => sql?.close());
	beforeEach(async () => {
		await dropPipelineTables(sql);
		const store = new MemoryLakeStore();
		await generateRaw({ salesLines: 1_000, seed: 3, from: '2024-01-01', to: '2024-03-31' }, store);
		lake = new LakeService(sql, store, codec);
	});

	it('runs under the Web Lock, when it is free, and publishes the run', async () => {
		const locks = fakeLocks(false);
		const log = await new PipelineService(lake, locks).run();
		expect(log.status).toBe('succeeded');
		expect(locks.requests).toEqual([[PIPELINE_LOCK, { ifAvailable: true }]]);
		expect((await readManifest(lake.store))?.run_id).toBe(log.run_id);
	});

	it('fails with a sentence when another tab holds the lock, without running', async () => {
		const run = new PipelineService(lake, fakeLocks(true)).run();
		await expect(run).rejects.toThrow(/^A pipeline run is already in progress in another tab\.$/);
		await expect(run).rejects.toMatchObject({ name: 'PipelineBusyError' });
		expect(await listRuns(lake.store)).toEqual([]);
		expect(await readManifest(lake.store)).toBeNull();
	});

	it('cleans up after interrupted runs under the lock, and leaves that to the tab that holds it', async () => {
		const leftover = 'gold/fact_sales/run-20250101-000000-dead.parquet';
		await lake.store.write(leftover, new Uint8Array([1, 2, 3]));
		await new PipelineService(lake, fakeLocks(true)).recover();
		expect(await lake.store.stat(leftover)).not.toBeNull();
		await new PipelineService(lake, fakeLocks(false)).recover();
		expect(await lake.store.stat(leftover)).toBeNull();
	});

	it('runs one at a time in a tab, and cancel stops the run in progress without publishing', async () => {
		const service = new PipelineService(lake);
		let cancelled = false;
		const first = service.run((progress) => {
			if (progress.step === 'silver' && !cancelled) {
				cancelled = true;
				service.cancel();
			}
		});
		await expect(service.run()).rejects.toThrow('A pipeline run is already in progress in this tab.');
		expect((await first).status).toBe('cancelled');
		expect(await readManifest(lake.store)).toBeNull();
		expect((await service.run()).status).toBe('succeeded');
	});

	it('passes progress on at most every 100 ms within a step or file, and every step and file at once', async () => {
		const seen: (PipelineProgress & { at: number })[] = [];
		await new PipelineService(lake).run((p) => seen.push({ ...p, at: performance.now() }));
		const stage = (p: PipelineProgress) => `${p.step} ${p.detail ?? ''}`.trim();
		const rawFiles = (await lake.store.list('raw')).filter((e) => !e.path.endsWith('_truth.json'));
		expect([...new Set(seen.map(stage))]).toEqual([
			'prepare',
			...rawFiles.map((file) => `ingest ${file.path}`),
			'silver',
			'gold',
			'quality',
			'publish',
			'publish figures'
		]);
		for (let i = 1; i < seen.length; i++) {
			if (stage(seen[i]) === stage(seen[i - 1]))
				expect(seen[i].at - seen[i - 1].at).toBeGreaterThanOrEqual(99);
		}
	});

	it('reads the published run’s quality report unless asked for another', async () => {
		const service = new PipelineService(lake);
		expect(await service.qualityReport()).toBeNull();
		const first = await service.run();
		const second = await service.run();
		expect((await service.qualityReport())?.run_id).toBe(second.run_id);
		expect(await service.qualityReport(first.run_id)).toEqual(
			await readQualityReport(lake.store, first.run_id)
		);
		expect((await service.qualityReport(first.run_id))?.run_id).toBe(first.run_id);
	});
});
