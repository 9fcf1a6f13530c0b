import { tableFromIPC } from 'apache-arrow';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LakeStore } from '../../../../src/lib/lake/lake-store';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import { localLeases } from '../../../../src/lib/lake/snapshot-leases';
import type { ParquetCodec } from '../../../../src/lib/parquet/parquet-codec';
import { dropPipelineTables } from '../../../../src/lib/pipeline/run/engine-bronze';
import { cleanUpLake } from '../../../../src/lib/pipeline/run/lake-cleanup';
import { listRuns, readManifest, readQualityReport } from '../../../../src/lib/pipeline/run/lake-state';
import { runPipeline, type PipelineDeps } from '../../../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest, PipelineProgress, RunLog } from '../../../../src/lib/pipeline/types';
import type { SqlEngine } from '../../../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import { CrashingStore, publishedView } from './crashing-store';
import { clock, csv, fakeSteps, openCodec, readJson, snapshot, storeFrom } from './fake-steps';

describe('runPipeline (DuckDB-WASM, parquet-wasm, a memory lake, fake steps)', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	beforeAll(async () => {
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), openCodec()]);
	});
	afterAll(() => sql?.close());

	async function lakeWith(files: Record<string, Uint8Array>): Promise<PipelineDeps> {
		// Each test starts from an engine that holds nothing, as a fresh worker would.
		await dropPipelineTables(sql);
		const store = new MemoryLakeStore();
		for (const [path, data] of Object.entries(files)) await store.write(path, data);
		return { sql, store, codec, now: clock() };
	}

	function rowsOf(parquet: Uint8Array): number {
		return tableFromIPC(codec.decode(parquet)).numRows;
	}

	it('publishes exactly the expected files and manifest, and logs every step', async () => {
		const deps = await lakeWith({ 'raw/products/b1.csv': csv('p1,10.00', 'p2,-5.00', 'p3,abc') });
		const progress: PipelineProgress[] = [];
		const log = await runPipeline(deps, { onProgress: (p) => progress.push(p) }, fakeSteps);
		const id = log.run_id;

		expect(id).toMatch(/^run-20250301-100000-[0-9a-f]{4}$/);
		expect(log).toMatchObject({ status: 'succeeded', started_at: '2025-03-01T10:00:00.000Z' });
		expect(
			log.steps.map(({ step, detail, rows_in, rows_out, rows_rejected, error }) => ({
				step,
				detail,
				rows: [rows_in, rows_out, rows_rejected],
				error
			}))
		).toEqual([
			{ step: 'prepare', detail: undefined, rows: [0, 0, 0], error: undefined },
			{ step: 'ingest', detail: 'raw/products/b1.csv', rows: [3, 2, 1], error: undefined },
			{ step: 'silver', detail: undefined, rows: [2, 1, 1], error: undefined },
			{ step: 'gold', detail: undefined, rows: [0, 0, 0], error: undefined },
			{ step: 'quality', detail: undefined, rows: [0, 0, 0], error: undefined },
			// bronze 2 + rejects 1 + silver 1 + quarantine 1 + dim_product 1 + orphans 0
			{ step: 'publish', detail: undefined, rows: [6, 6, 0], error: undefined }
		]);
		expect(progress.map((p) => [p.step, p.steps_done, p.steps_total])).toEqual([
			['prepare', 0, 6],
			// Hashing the file, then ingesting it.
			['ingest', 1, 6],
			['ingest', 1, 6],
			['silver', 2, 6],
			['gold', 3, 6],
			['quality', 4, 6],
			...Array(8).fill(['publish', 5, 6])
		]);
		// Then the figures, computed once every table is written.
		expect(progress.at(-1)).toMatchObject({ step: 'publish', detail: 'figures', rows: 6 });

		const files = await snapshot(deps.store);
		expect([...files.keys()]).toEqual([
			'_manifest.json',
			'_manifests/0000000001.json',
			`_runs/${id}.json`,
			`analytics/quality/${id}.json`,
			`bronze/_rejects/products/b1/${id}.parquet`,
			`bronze/products/b1/${id}.parquet`,
			`gold/_figures/${id}.json`,
			`gold/_orphans/${id}.parquet`,
			`gold/dim_product/${id}.parquet`,
			'raw/products/b1.csv',
			`silver/_quarantine/${id}.parquet`,
			`silver/products/${id}.parquet`
		]);
		const manifest = (await readManifest(deps.store)) as LakeManifest;
		const expectedRows = {
			'bronze/_rejects/products/b1': 1,
			'bronze/products/b1': 2,
			'gold/_orphans': 0,
			'gold/dim_product': 1,
			'silver/_quarantine': 1,
			'silver/products': 1
		};
		expect(manifest).toMatchObject({
			version: 2,
			sequence: 1,
			previous: null,
			run_id: id,
			published_at: '2025-03-01T10:00:00.000Z'
		});
		expect(manifest.checksum).toMatch(/^[0-9a-f]{64}$/);
		// The kept copy of the version is the manifest byte for byte.
		expect(files.get('_manifests/0000000001.json')).toEqual(files.get('_manifest.json'));
		expect(Object.keys(manifest.tables)).toEqual(Object.keys(expectedRows));
		for (const [key, rows] of Object.entries(expectedRows)) {
			const path = `${key}/${id}.parquet`;
			const bytes = files.get(path)!;
			const sha256 = createHash('sha256').update(bytes).digest('hex');
			expect(manifest.tables[key]).toEqual({ path, rows, bytes: bytes.byteLength, sha256 });
			expect(rowsOf(bytes)).toBe(rows);
		}
		// The figures, computed on this run's Gold (the fake counts its products), are part of the version.
		const figures = files.get(`gold/_figures/${id}.json`)!;
		expect(manifest.figures).toEqual({
			path: `gold/_figures/${id}.json`,
			bytes: figures.byteLength,
			sha256: createHash('sha256').update(figures).digest('hex')
		});
		expect(JSON.parse(new TextDecoder().decode(figures))).toEqual({
			run_id: id,
			reports: { overview: { products: 1 } }
		});
		// With the size and time it was hashed at, so an unchanged file is not read again.
		const raw = (await deps.store.stat('raw/products/b1.csv'))!;
		expect(manifest.ingested).toEqual([
			{ ...log.ingestion[0], run_id: id, size: raw.size, modified: raw.modified }
		]);
		expect(log.ingestion[0]).toMatchObject({ status: 'ingested', rows_raw: 3, rows_bronze: 2 });

		expect(await readJson<RunLog>(deps.store, `_runs/${id}.json`)).toEqual(log);
		expect(await readQualityReport(deps.store, id)).toEqual(log.quality);
		expect(log.quality?.run_id).toBe(id);
	});

	it('is idempotent: a second run ingests nothing and publishes equal tables as a new version; new files are appended', async () => {
		const deps = await lakeWith({ 'raw/products/b1.csv': csv('p1,10.00', 'p2,-5.00', 'p3,abc') });
		const first = await runPipeline(deps, {}, fakeSteps);
		const firstManifest = (await readManifest(deps.store)) as LakeManifest;

		const second = await runPipeline({ ...deps, now: clock('2025-03-02T10:00:00Z') }, {}, fakeSteps);
		expect(second.status).toBe('succeeded');
		expect(second.ingestion.map((r) => r.status)).toEqual(['skipped']);
		expect(second.steps.map((s) => s.step)).toEqual(['prepare', 'silver', 'gold', 'quality', 'publish']);
		// The engine still held the published Bronze: nothing was reloaded.
		expect(second.steps[0].rows_out).toBe(0);
		const manifest = (await readManifest(deps.store)) as LakeManifest;
		expect(manifest).toMatchObject({
			sequence: 2,
			run_id: second.run_id,
			previous: { sequence: 1, run_id: first.run_id }
		});
		for (const [key, table] of Object.entries(manifest.tables)) {
			const before = firstManifest.tables[key];
			// Bronze stays the first run's file; Silver and Gold are new files with the same bytes.
			expect(table.path, key).toBe(
				key.startsWith('bronze/') ? before.path : `${key}/${second.run_id}.parquet`
			);
			expect(await deps.store.read(table.path), key).toEqual(await deps.store.read(before.path));
		}
		expect(manifest.ingested.map((r) => r.run_id)).toEqual([first.run_id]);

		// A fresh engine reloads the published Bronze; a new raw file is appended to it.
		await dropPipelineTables(sql);
		await deps.store.write('raw/products/b2.csv', csv('p4,7.50', 'p5,x'));
		const third = await runPipeline({ ...deps, now: clock('2025-03-03T10:00:00Z') }, {}, fakeSteps);
		expect(third.steps[0]).toMatchObject({ step: 'prepare', rows_out: 3 });
		expect(third.ingestion.map((r) => [r.path, r.status])).toEqual([
			['raw/products/b1.csv', 'skipped'],
			['raw/products/b2.csv', 'ingested']
		]);
		const latest = (await readManifest(deps.store)) as LakeManifest;
		expect(Object.keys(latest.tables).filter((key) => key.startsWith('bronze/'))).toEqual([
			'bronze/_rejects/products/b1',
			'bronze/_rejects/products/b2',
			'bronze/products/b1',
			'bronze/products/b2'
		]);
		expect(latest.tables['silver/products'].rows).toBe(2);
		expect(latest.ingested.map((r) => [r.path, r.run_id])).toEqual([
			['raw/products/b1.csv', first.run_id],
			['raw/products/b2.csv', third.run_id]
		]);

		expect((await listRuns(deps.store)).map((run) => run.run_id)).toEqual([
			third.run_id,
			second.run_id,
			first.run_id
		]);
	});

	it('does not read an unchanged raw file again (same size and time), but does once it is written', async () => {
		const deps = await lakeWith({ 'raw/products/b1.csv': csv('p1,10.00') });
		await runPipeline(deps, {}, fakeSteps);
		const reads: string[] = [];
		const read = deps.store.read.bind(deps.store);
		const blob = deps.store.blob.bind(deps.store);
		vi.spyOn(deps.store, 'read').mockImplementation((path) => (reads.push(path), read(path)));
		vi.spyOn(deps.store, 'blob').mockImplementation((path) => (reads.push(path), blob(path)));
		await runPipeline({ ...deps, now: clock('2025-03-02T10:00:00Z') }, {}, fakeSteps);
		expect(reads.filter((path) => path.startsWith('raw/'))).toEqual([]);

		// Rewritten with the same bytes: read (hashed) again, found unchanged, skipped.
		await new Promise((resolve) => setTimeout(resolve, 5));
		await deps.store.write('raw/products/b1.csv', csv('p1,10.00'));
		const third = await runPipeline({ ...deps, now: clock('2025-03-03T10:00:00Z') }, {}, fakeSteps);
		vi.restoreAllMocks();
		expect(reads.filter((path) => path.startsWith('raw/'))).toEqual(['raw/products/b1.csv']);
		expect(third.ingestion.map((r) => r.status)).toEqual(['skipped']);
	});

	it('keeps the previous version for rollback and removes a version’s files two commits later', async () => {
		const deps = await lakeWith({ 'raw/products/b1.csv': csv('p1,10.00') });
		const withExtra: typeof fakeSteps = {
			...fakeSteps,
			async buildGold(engine) {
				const stats = await fakeSteps.buildGold(engine);
				await engine.exec(`CREATE OR REPLACE TABLE gold_extra AS SELECT 1 AS x`);
				return { ...stats, tables: { ...stats.tables, extra: 1 } };
			}
		};
		const first = await runPipeline(deps, {}, withExtra);
		const extra = `gold/extra/${first.run_id}.parquet`;
		const firstFiles = Object.values((await readManifest(deps.store))!.tables).map((t) => t.path);
		expect(firstFiles).toContain(extra);

		await runPipeline({ ...deps, now: clock('2025-03-02T10:00:00Z') }, {}, fakeSteps);
		const second = (await readManifest(deps.store)) as LakeManifest;
		expect(second.tables['gold/extra']).toBeUndefined();
		// The first version is the previous one: every file of it is kept, and its manifest.
		for (const path of firstFiles) expect(await deps.store.stat(path), path).toBeTruthy();
		expect(await deps.store.stat('_manifests/0000000001.json')).toBeTruthy();

		await runPipeline({ ...deps, now: clock('2025-03-03T10:00:00Z') }, {}, fakeSteps);
		const third = (await readManifest(deps.store)) as LakeManifest;
		const kept = new Set([third, second].flatMap(layerFilesOf));
		const layerFiles = (await deps.store.list())
			.map((e) => e.path)
			.filter((p) => /^(bronze|silver|gold)\//.test(p));
		expect(layerFiles.sort()).toEqual([...kept].sort());
		expect(await deps.store.stat(extra)).toBeNull();
		expect((await deps.store.list('_manifests')).map((e) => e.path)).toEqual([
			'_manifests/0000000002.json',
			'_manifests/0000000003.json'
		]);
	});

	it('keeps a version some reader holds, whatever its age, until the reader lets go', async () => {
		const deps = await lakeWith({ 'raw/products/b1.csv': csv('p1,10.00') });
		const leases = localLeases();
		await runPipeline({ ...deps, leases }, {}, fakeSteps);
		const first = (await readManifest(deps.store)) as LakeManifest;
		let release = () => {};
		const reading = leases.hold(first.sequence, () => new Promise<void>((resolve) => (release = resolve)));
		for (const day of ['02', '03', '04']) {
			await runPipeline({ ...deps, leases, now: clock(`2025-03-${day}T10:00:00Z`) }, {}, fakeSteps);
		}
		for (const { path } of Object.values(first.tables))
			expect(await deps.store.stat(path), path).not.toBeNull();
		expect(await deps.store.stat('_manifests/0000000001.json')).not.toBeNull();
		release();
		await reading;
		await cleanUpLake(deps.store, leases);
		expect(await deps.store.stat(first.tables['gold/dim_product'].path)).toBeNull();
		expect(await deps.store.stat('_manifests/0000000001.json')).toBeNull();
	});

	it('a cancelled run publishes nothing, removes its files and logs itself as cancelled', async () => {
		const deps = await lakeWith({ 'raw/products/b1.csv': csv('p1,10.00') });
		await runPipeline(deps, {}, fakeSteps);
		await deps.store.write('raw/products/b2.csv', csv('p2,1.00'));
		await deps.store.write('raw/products/b3.csv', csv('p3,2.00'));
		const before = await snapshot(deps.store);

		const controller = new AbortController();
		const steps = {
			...fakeSteps,
			ingestFile: ((sql, store, file, ctx) => {
				// The user cancels while b2 is being ingested.
				if (file.batchId === 'b2') controller.abort();
				return fakeSteps.ingestFile(sql, store, file, ctx);
			}) satisfies typeof fakeSteps.ingestFile
		};
		const log = await runPipeline(deps, { signal: controller.signal }, steps);

		expect(log.status).toBe('cancelled');
		expect(log.ingestion.map((r) => r.path)).toEqual(['raw/products/b1.csv', 'raw/products/b2.csv']);
		const after = await snapshot(deps.store);
		expect([...after.keys()]).toEqual([...before.keys(), `_runs/${log.run_id}.json`].sort());
		for (const [path, bytes] of before) expect(after.get(path), path).toEqual(bytes);
		expect(await readJson<RunLog>(deps.store, `_runs/${log.run_id}.json`)).toEqual(log);

		// The engine forgot the unpublished batch: the next run ingests b2 and b3 once each.
		const next = await runPipeline(deps, {}, fakeSteps);
		expect(next.ingestion.map((r) => r.status)).toEqual(['skipped', 'ingested', 'ingested']);
		expect((await readManifest(deps.store))?.tables['silver/products'].rows).toBe(3);
	});

	it('a failing step writes a failed run log, publishes nothing and rethrows naming the step', async () => {
		const deps = await lakeWith({ 'raw/products/b1.csv': csv('p1,10.00') });
		const before = await snapshot(deps.store);
		const steps = {
			...fakeSteps,
			buildGold: async () => {
				throw new Error('Binder Error: no such column x');
			}
		};
		await expect(runPipeline(deps, {}, steps)).rejects.toThrow(
			/^Pipeline run run-\S+ failed at gold: Binder Error: no such column x$/
		);

		const [log] = await listRuns(deps.store);
		expect(log).toMatchObject({ status: 'failed', error: expect.stringContaining('no such column x') });
		expect(log.finished_at).not.toBeNull();
		expect(log.steps.at(-1)).toMatchObject({ step: 'gold', error: 'Binder Error: no such column x' });
		const after = await snapshot(deps.store);
		expect([...after.keys()]).toEqual([...before.keys(), `_runs/${log.run_id}.json`].sort());
	});

	it('a run whose commit failed leaves the previous version current and its files are removed', async () => {
		const deps = await lakeWith({ 'raw/products/b1.csv': csv('p1,10.00') });
		await runPipeline(deps, {}, fakeSteps);
		const before = (await readManifest(deps.store)) as LakeManifest;
		await deps.store.write('raw/products/b2.csv', csv('p2,1.00'));
		const write = deps.store.write.bind(deps.store);
		vi.spyOn(deps.store, 'write').mockImplementation((path, data) =>
			path === '_manifest.json' ? Promise.reject(new Error('disk busy')) : write(path, data)
		);
		await expect(runPipeline({ ...deps, now: clock('2025-03-02T10:00:00Z') }, {}, fakeSteps)).rejects.toThrow(
			/failed at publish: disk busy$/
		);
		vi.restoreAllMocks();
		const [broken] = await listRuns(deps.store);
		expect(broken).toMatchObject({ status: 'failed', error: expect.stringContaining('disk busy') });
		expect(await readManifest(deps.store)).toEqual(before);
		const layerFiles = (await deps.store.list())
			.map((e) => e.path)
			.filter((p) => /^(bronze|silver|gold)\//.test(p));
		expect(layerFiles.sort()).toEqual(layerFilesOf(before).sort());
		expect(await deps.store.stat(`analytics/quality/${broken.run_id}.json`)).toBeNull();

		const next = await runPipeline({ ...deps, now: clock('2025-03-03T10:00:00Z') }, {}, fakeSteps);
		expect(next.ingestion.map((r) => r.status)).toEqual(['skipped', 'ingested']);
		expect((await readManifest(deps.store))?.tables['silver/products'].rows).toBe(2);
	});

	it('an empty lake fails with a clear message', async () => {
		const deps = await lakeWith({});
		await expect(runPipeline(deps, {}, fakeSteps)).rejects.toThrow(
			/No raw files: generate or import data first/
		);
	});

	it('survives an interruption at any point: after cleanup the old or the new version, never a mix', async () => {
		const first = await storeFrom(new Map([['raw/products/b1.csv', csv('p1,10.00', 'p2,-5.00')]]));
		await runPipeline({ sql, store: first, codec, now: clock() }, {}, fakeSteps);
		await first.write('raw/products/b2.csv', csv('p3,2.00', 'p4,oops', 'p5,-1.00'));
		const before = await snapshot(first);
		const oldView = await publishedView(first);

		const run = async (store: LakeStore) => {
			await dropPipelineTables(sql);
			return runPipeline({ sql, store, codec, now: clock('2025-03-02T10:00:00Z') }, {}, fakeSteps);
		};
		const reference = new CrashingStore(await storeFrom(before));
		const { run_id: newRun } = await run(reference);
		const newView = await publishedView(reference.inner);
		const commitAt = reference.changes.indexOf('write _manifest.json');
		// b2's bronze and rejects, 2 silver and 2 gold tables, the quality report, the figures, the run log; then
		// the commit.
		expect(reference.changes.slice(0, commitAt)).toHaveLength(9);
		expect(newView).not.toEqual(oldView);

		for (let crashAt = 0; crashAt < reference.changes.length; crashAt++) {
			const store = new CrashingStore(await storeFrom(before), crashAt);
			const where = `crash at ${reference.changes[crashAt]}`;
			await run(store).catch(() => undefined);
			const runId = /(run-[\d-]+[0-9a-f]{4})/.exec(store.changes[0])![1];
			await cleanUpLake(store.inner);
			const view = await publishedView(store.inner);
			// Run ids end in a random suffix: the crashed run's id stands for the reference run's.
			expect({ ...view, run_id: view?.run_id.replace(runId, newRun) }, where).toEqual(
				crashAt > commitAt ? newView : oldView
			);
			// Nothing is left in the layers but the files of the current and the previous version.
			const manifest = (await readManifest(store.inner))!;
			const previous = manifest.previous
				? await readJson<LakeManifest>(
						store.inner,
						`_manifests/${String(manifest.previous.sequence).padStart(10, '0')}.json`
					)
				: null;
			const kept = new Set([manifest, previous].flatMap((m) => (m ? layerFilesOf(m) : [])));
			const layerFiles = (await store.inner.list())
				.map((e) => e.path)
				.filter((p) => /^(bronze|silver|gold)\//.test(p));
			expect(layerFiles.sort(), where).toEqual([...kept].sort());
			const log = await readJson<RunLog>(store.inner, `_runs/${runId}.json`).catch(() => null);
			if (log) expect(log.status, where).toBe(crashAt > commitAt ? 'succeeded' : 'failed');
		}
	});
});

/** The files a version lists in the layers: its tables' and its figures'. */
function layerFilesOf(manifest: LakeManifest): string[] {
	return [
		...Object.values(manifest.tables).map((t) => t.path),
		...(manifest.figures ? [manifest.figures.path] : [])
	];
}
