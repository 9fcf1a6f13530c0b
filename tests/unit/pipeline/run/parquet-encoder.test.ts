import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeWorkerParquetEncoder } from '../../../../src/lib/parquet/node-parquet-encoder';
import type { ParquetCodec } from '../../../../src/lib/parquet/parquet-codec';
import { inlineParquetEncoder, type ParquetEncoder } from '../../../../src/lib/parquet/parquet-encoder';
import {
	serveParquetEncoder,
	WorkerParquetEncoder,
	type FromEncoder,
	type ToEncoder
} from '../../../../src/lib/parquet/worker-parquet-encoder';
import { listRuns, readManifest } from '../../../../src/lib/pipeline/run/lake-state';
import { runPipeline, type PipelineDeps } from '../../../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest } from '../../../../src/lib/pipeline/types';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../../../src/lib/sql/sql-engine';
import { fakeStepsWithManyRows as steps, openCodec, snapshot, twoFileLake } from './fake-steps';

/** 300,000 rows of every kind of column the pipeline writes, as several IPC streams. */
const TABLE = `CREATE OR REPLACE TABLE sample AS
	SELECT range::INTEGER AS id, ('item ' || (range % 977))::VARCHAR AS name,
		(range % 1000 / 100)::DECIMAL(12,2) AS price, TIMESTAMP '2024-01-01' + INTERVAL (range) SECOND AS ts,
		CASE WHEN range % 7 = 0 THEN NULL ELSE range % 3 = 0 END AS flag
	FROM range(300000)`;

/**
 * A WorkerParquetEncoder whose worker side runs on this thread, messages passed as a worker's are (later,
 * never synchronously), and every finished file held back until `release`.
 */
function repliesHeld(codec: ParquetCodec) {
	let toEngine: (message: FromEncoder) => void = () => {};
	let toHost: (message: ToEncoder) => void = () => {};
	const held: FromEncoder[] = [];
	let holding = true;
	let delivered = 0;
	const deliver = (message: FromEncoder) => {
		if (message.type === 'done') {
			if (holding) return void held.push(message);
			delivered++;
		}
		toEngine(message);
	};
	serveParquetEncoder(
		{
			postMessage: (message) => setTimeout(() => deliver(message)),
			listen: (onMessage) => (toHost = onMessage)
		},
		Promise.resolve(codec)
	);
	const encoder = new WorkerParquetEncoder(
		{
			postMessage: (message) => setTimeout(() => toHost(message)),
			listen: (onMessage) => (toEngine = onMessage),
			terminate() {}
		},
		inlineParquetEncoder(codec),
		{ maxBytesInFlight: 4 << 20 }
	);
	return {
		encoder,
		delivered: () => delivered,
		release() {
			holding = false;
			for (const message of held.splice(0)) deliver(message);
		}
	};
}

async function encoded(encoder: ParquetEncoder, streams: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
	return (await encoder.submit(streams)).parquet;
}

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
		const inline = await encoded(inlineParquetEncoder(codec), streams());
		const sent: Uint8Array[] = [];
		const viaWorker = await encoded(
			worker,
			(async function* () {
				for await (const stream of streams()) yield sent[sent.push(stream) - 1];
			})()
		);
		// 300,000 rows in streams of 50,000 (DuckDB's 2,048-row batches grouped: 51,200 rows each but the last).
		expect(sent.length).toBe(6);
		// Transferred, not copied: the engine's buffers are detached.
		expect(sent.every((stream) => stream.byteLength === 0)).toBe(true);
		expect(Buffer.from(viaWorker).equals(Buffer.from(inline))).toBe(true);
		const table = tableFromIPC(codec.decode(viaWorker));
		expect(table.numRows).toBe(300_000);
		// Σ id over 0…299,999 = 299,999 · 300,000 / 2.
		expect(
			table
				.getChild('id')!
				.toArray()
				.reduce((a: number, b: number) => a + b, 0)
		).toBe(44_999_850_000);
	});

	it('hands over before the encoding ends, so the next export can start meanwhile', async () => {
		const { encoder, delivered, release } = repliesHeld(codec);
		// Were a hand-over to wait for its encoding, this would never resolve: every finished file is held.
		const first = await encoder.submit(streams());
		const second = await encoder.submit(sql.queryArrowStreams!('SELECT * FROM sample WHERE id < 1000'));
		expect(delivered()).toBe(0);
		release();
		const [a, b] = await Promise.all([first.parquet, second.parquet]);
		expect(delivered()).toBe(2);
		expect(tableFromIPC(codec.decode(a)).numRows).toBe(300_000);
		expect(tableFromIPC(codec.decode(b)).numRows).toBe(1000);
	});

	it('keeps going after a failed encoding, and encodes jobs queued back to back in order', async () => {
		async function* garbage() {
			yield new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
		}
		await expect(encoded(worker, garbage())).rejects.toThrow(/Could not encode Arrow IPC as Parquet/);
		const a = await worker.submit(sql.queryArrowStreams!('SELECT * FROM sample WHERE id < 1000'));
		// id ≥ 299,000 with flag true (id % 3 = 0, id % 7 ≠ 0): 334 multiples of 3 in the range, 48 of them of 21.
		const b = await worker.submit(sql.queryArrowStreams!('SELECT * FROM sample WHERE id >= 299000 AND flag'));
		expect(tableFromIPC(codec.decode(await a.parquet)).numRows).toBe(1000);
		expect(tableFromIPC(codec.decode(await b.parquet)).numRows).toBe(286);
	});

	it('a closed encoder rejects the hand-over in progress', async () => {
		const encoder = nodeWorkerParquetEncoder(codec, { maxBytesInFlight: 1 });
		const handing = encoder.submit(streams());
		setTimeout(() => encoder.close(), 50);
		await expect(handing).rejects.toThrow(/closed/);
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
		const parquet = await encoded(encoder, streams());
		expect(tableFromIPC(codec.decode(parquet)).numRows).toBe(300_000);
	});
});

describe('runPipeline with a worker encoder (exports overlap the encoding at publish)', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	beforeAll(async () => {
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), openCodec()]);
	});
	afterAll(() => sql?.close());

	const lake = () => twoFileLake(sql, codec);

	it('publishes the same files, byte for byte, as a run that encodes inline', async () => {
		const inline = await lake();
		const inlineLog = await runPipeline(inline, {}, steps);
		const background = await lake();
		// A small window: the export waits for the worker again and again.
		const encoder = () => nodeWorkerParquetEncoder(codec, { maxBytesInFlight: 256 << 10 });
		const log = await runPipeline({ ...background, encoder }, {}, steps);
		// Warnings: the raw rows with a price that is not a number were rejected, in both runs.
		expect([log.status, inlineLog.status]).toEqual(['succeeded_with_warnings', 'succeeded_with_warnings']);
		expect(log.steps.map((s) => [s.step, s.rows_out])).toEqual(
			inlineLog.steps.map((s) => [s.step, s.rows_out])
		);
		// Each run names its files with its own id; the tables, their rows and their bytes are the same.
		const [expected, manifest] = [
			(await readManifest(inline.store))!,
			(await readManifest(background.store))!
		];
		const withoutPath = (tables: LakeManifest['tables']) =>
			Object.fromEntries(
				Object.entries(tables).map(([key, { rows, bytes, sha256 }]) => [key, { rows, bytes, sha256 }])
			);
		expect(withoutPath(manifest.tables)).toEqual(withoutPath(expected.tables));
		expect(Object.keys(manifest.tables)).toEqual(Object.keys(expected.tables));
		for (const [key, { path }] of Object.entries(expected.tables)) {
			const bytes = await background.store.read(manifest.tables[key].path);
			expect(Buffer.from(bytes).equals(Buffer.from(await inline.store.read(path))), key).toBe(true);
		}
		// b1: p1 and p2 (its negative price is quarantined in Silver, not rejected) and the 200,000 made.
		expect(manifest.tables['bronze/products/b1'].rows).toBe(200_002);
		// Silver keeps p1, p4 and the 200,000 (prices 0.00…49.99, none negative).
		expect(manifest.tables['silver/products'].rows).toBe(200_002);
		expect(await background.store.list('_staging')).toEqual([]);
	}, 60_000);

	/** A worker encoder that lets `onSubmit` act as each output is handed over. */
	function watched(onSubmit: (count: number) => void): () => ParquetEncoder {
		return () => {
			const encoder = nodeWorkerParquetEncoder(codec);
			let count = 0;
			return {
				async submit(streams) {
					const count_ = ++count;
					const encoding = await encoder.submit(streams);
					onSubmit(count_);
					return encoding;
				},
				close: () => encoder.close()
			};
		};
	}

	async function expectNothingLeft(deps: PipelineDeps, before: Map<string, Uint8Array>, runId: string) {
		// Later too: no write of the worker's lands after the run ended.
		await new Promise((resolve) => setTimeout(resolve, 200));
		const after = await snapshot(deps.store);
		expect([...after.keys()]).toEqual([...before.keys(), `_runs/${runId}.json`].sort());
		expect(await readManifest(deps.store)).toBeNull();
	}

	it('cancelled while encoding: nothing published, nothing left in staging', async () => {
		const deps = await lake();
		const before = await snapshot(deps.store);
		const controller = new AbortController();
		const encoder = watched((count) => {
			if (count === 1) controller.abort();
		});
		const log = await runPipeline({ ...deps, encoder }, { signal: controller.signal }, steps);
		expect(log.status).toBe('cancelled');
		await expectNothingLeft(deps, before, log.run_id);
	}, 60_000);

	it('an encoding that fails fails the run at publish, after every other write ended; nothing published', async () => {
		const deps = await lake();
		const before = await snapshot(deps.store);
		const failing = (): ParquetEncoder => {
			const encoder = nodeWorkerParquetEncoder(codec);
			let count = 0;
			return {
				async submit(streams) {
					const encoding = await encoder.submit(streams);
					// The second output's bytes never come: the worker ran out of memory on it.
					if (++count === 2)
						return { parquet: encoding.parquet.then(() => Promise.reject(new Error('out of memory'))) };
					return encoding;
				},
				close: () => encoder.close()
			};
		};
		await expect(runPipeline({ ...deps, encoder: failing }, {}, steps)).rejects.toThrow(
			/failed at publish: out of memory$/
		);
		const [log] = await listRuns(deps.store);
		expect(log).toMatchObject({ status: 'failed' });
		await expectNothingLeft(deps, before, log.run_id);
	}, 60_000);

	it('figures that fail while outputs are still encoding: the run fails, nothing published', async () => {
		const deps = await lake();
		const before = await snapshot(deps.store);
		const failingFigures = { ...steps, buildFigures: () => Promise.reject(new Error('figures failed')) };
		const encoder = () => nodeWorkerParquetEncoder(codec);
		await expect(runPipeline({ ...deps, encoder }, {}, failingFigures)).rejects.toThrow(
			/failed at publish: figures failed$/
		);
		const [log] = await listRuns(deps.store);
		await expectNothingLeft(deps, before, log.run_id);
	}, 60_000);
});
