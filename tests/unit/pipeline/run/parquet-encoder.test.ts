import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import { nodeWorkerParquetEncoder } from '../../../../src/lib/parquet/node-parquet-encoder';
import type { ParquetCodec } from '../../../../src/lib/parquet/parquet-codec';
import { inlineParquetEncoder, type ParquetEncoder } from '../../../../src/lib/parquet/parquet-encoder';
import { WorkerParquetEncoder } from '../../../../src/lib/parquet/worker-parquet-encoder';
import { dropPipelineTables } from '../../../../src/lib/pipeline/run/engine-bronze';
import { listRuns, readManifest } from '../../../../src/lib/pipeline/run/lake-state';
import { runPipeline, type PipelineDeps } from '../../../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest } from '../../../../src/lib/pipeline/types';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../../../src/lib/sql/sql-engine';
import { clock, csv, fakeSteps, openCodec, snapshot } from './fake-steps';

/** 300,000 rows of every kind of column the pipeline writes, as several IPC streams. */
const TABLE = `CREATE OR REPLACE TABLE sample AS
	SELECT range::INTEGER AS id, ('item ' || (range % 977))::VARCHAR AS name,
		(range % 1000 / 100)::DECIMAL(12,2) AS price, TIMESTAMP '2024-01-01' + INTERVAL (range) SECOND AS ts,
		CASE WHEN range % 7 = 0 THEN NULL ELSE range % 3 = 0 END AS flag
	FROM range(300000)`;

describe('ParquetEncoder adapters', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	let worker: ParquetEncoder;
	beforeAll(async () => {
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), openCodec()]);
		await sql.exec(TABLE);
		worker = nodeWorkerParquetEncoder(codec, { maxBytesInFlight: 4 << 20 });
	});
	afterAll(async () => {
		worker?.close();
		await sql?.close();
	});

	const streams = () => sql.queryArrowStreams!('SELECT * FROM sample', 50_000);

	it('the worker writes the same Parquet bytes as the inline encoder, the streams transferred', async () => {
		const inline = await inlineParquetEncoder(codec).encode(streams());
		const sent: Uint8Array[] = [];
		const viaWorker = await worker.encode(
			(async function* () {
				for await (const stream of streams()) yield sent[sent.push(stream) - 1];
			})()
		);
		expect(sent.length).toBeGreaterThan(2);
		// Transferred, not copied: the engine's buffers are detached.
		expect(sent.every((stream) => stream.byteLength === 0)).toBe(true);
		expect(Buffer.from(viaWorker).equals(Buffer.from(inline))).toBe(true);
		expect(tableFromIPC(codec.decode(viaWorker)).numRows).toBe(300_000);
	});

	it('keeps going after a failed encoding, and encodes jobs queued back to back in order', async () => {
		async function* garbage() {
			yield new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
		}
		await expect(worker.encode(garbage())).rejects.toThrow(/Could not encode Arrow IPC as Parquet/);
		const [a, b] = await Promise.all([
			worker.encode(sql.queryArrowStreams!('SELECT * FROM sample WHERE id < 1000')),
			worker.encode(sql.queryArrowStreams!('SELECT * FROM sample WHERE id >= 299000 AND flag'))
		]);
		expect(tableFromIPC(codec.decode(a)).numRows).toBe(1000);
		expect(tableFromIPC(codec.decode(b)).numRows).toBe(286);
	});

	it('a closed encoder rejects the encoding in progress', async () => {
		const encoder = nodeWorkerParquetEncoder(codec, { maxBytesInFlight: 1 });
		const encoding = encoder.encode(streams());
		setTimeout(() => encoder.close(), 50);
		await expect(encoding).rejects.toThrow(/closed/);
	});

	it('falls back to its inline encoder when the worker cannot start', async () => {
		const encoder = new WorkerParquetEncoder(
			{
				postMessage() {
					throw new Error('nothing may be sent to a worker that never started');
				},
				listen: (onMessage) => queueMicrotask(() => onMessage({ type: 'failed', message: 'no wasm' })),
				terminate() {}
			},
			inlineParquetEncoder(codec)
		);
		const parquet = await encoder.encode(streams());
		expect(tableFromIPC(codec.decode(parquet)).numRows).toBe(300_000);
	});
});

describe('runPipeline with a worker encoder (outputs staged while the run goes on)', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	beforeAll(async () => {
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), openCodec()]);
	});
	afterAll(() => sql?.close());

	async function lake(): Promise<PipelineDeps> {
		await dropPipelineTables(sql);
		const store = new MemoryLakeStore();
		await store.write('raw/products/b1.csv', csv('p1,10.00', 'p2,-5.00', 'p3,abc'));
		await store.write('raw/products/b2.csv', csv('p4,7.50', 'p5,x'));
		return { sql, store, codec, now: clock() };
	}

	it('publishes the same files, byte for byte, as a run that encodes inline at publish', async () => {
		const inline = await lake();
		const inlineLog = await runPipeline(inline, {}, fakeSteps);
		const background = await lake();
		const log = await runPipeline(
			{ ...background, encoder: () => nodeWorkerParquetEncoder(codec) },
			{},
			fakeSteps
		);
		expect(log.status).toBe('succeeded');
		expect(log.steps.map((s) => [s.step, s.rows_out])).toEqual(
			inlineLog.steps.map((s) => [s.step, s.rows_out])
		);
		const [expected, actual] = [await snapshot(inline.store), await snapshot(background.store)];
		const parquet = (files: Map<string, Uint8Array>) =>
			[...files].filter(([path]) => path.endsWith('.parquet'));
		expect(parquet(actual).map(([path]) => path)).toEqual(parquet(expected).map(([path]) => path));
		for (const [path, bytes] of parquet(expected)) expect(actual.get(path), path).toEqual(bytes);
		const manifest = (await readManifest(background.store)) as LakeManifest;
		expect(manifest.tables).toEqual((await readManifest(inline.store))!.tables);
		expect(await background.store.list('_staging')).toEqual([]);
	});

	/**
	 * A worker encoder that lets `onEncode` act before each of its encodings starts (at publish, the
	 * engine thread encodes some outputs too, inline: those are not seen here).
	 */
	function watched(onEncode: (count: number) => Promise<void> | void): () => ParquetEncoder {
		return () => {
			const encoder = nodeWorkerParquetEncoder(codec);
			let count = 0;
			return {
				async encode(streams) {
					await onEncode(++count);
					return encoder.encode(streams);
				},
				close: () => encoder.close()
			};
		};
	}

	it('cancelled while encoding: nothing published, nothing left in staging, even later', async () => {
		const deps = await lake();
		const before = await snapshot(deps.store);
		const controller = new AbortController();
		const encoder = watched((count) => {
			// The user cancels as the worker starts on its first output (b1's Bronze, during Silver).
			if (count === 1) controller.abort();
		});
		const log = await runPipeline({ ...deps, encoder }, { signal: controller.signal }, fakeSteps);
		expect(log.status).toBe('cancelled');
		await new Promise((resolve) => setTimeout(resolve, 200));
		const after = await snapshot(deps.store);
		expect([...after.keys()]).toEqual([...before.keys(), `_runs/${log.run_id}.json`].sort());
		expect(await readManifest(deps.store)).toBeNull();
	});

	it('an encoding that fails fails the run at publish, naming the file; nothing published or staged', async () => {
		const deps = await lake();
		const before = await snapshot(deps.store);
		const encoder = watched((count) => {
			if (count === 1) throw new Error('out of memory');
		});
		await expect(runPipeline({ ...deps, encoder }, {}, fakeSteps)).rejects.toThrow(
			/failed at publish: Could not stage bronze\/products\/b1\.parquet: out of memory$/
		);
		const [log] = await listRuns(deps.store);
		expect(log).toMatchObject({ status: 'failed' });
		expect(log.steps.at(-1)).toMatchObject({
			step: 'publish',
			error: expect.stringMatching(/out of memory$/)
		});
		const after = await snapshot(deps.store);
		expect([...after.keys()]).toEqual([...before.keys(), `_runs/${log.run_id}.json`].sort());
	});
});
