import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { inlineParquetEncoder, type ParquetEncoder } from '../../../src/lib/parquet/parquet-encoder';
import {
	serveParquetEncoder,
	WorkerParquetEncoder,
	type FromEncoder,
	type ToEncoder
} from '../../../src/lib/parquet/worker-parquet-encoder';
import { readManifest } from '../../../src/lib/pipeline/run/lake-state';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import type { LakeManifest } from '../../../src/lib/pipeline/types';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { fakeStepsWithManyRows as steps, openCodec, twoFileLake } from '../pipeline/run/fake-steps';

/**
 * Finding: about one WebKit run in six failed at publish with "The Parquet encoder worker stopped: RuntimeError:
 * Out of bounds memory access" (parquet-wasm trapping under JavaScriptCore, in the worker that encodes a run's
 * outputs). The streams handed to the worker went with it, and the whole run failed. Now the outputs it held are
 * exported again and encoded on the engine's thread, and so is every output handed over after it stopped.
 */

/**
 * A WorkerParquetEncoder whose worker side runs on this thread and dies, as a trapped worker does, when the
 * `crashAt`-th stream reaches it: an error event, then nothing more from it. Messages pass later, never
 * synchronously, as a worker's do.
 */
function crashingWorker(codec: ParquetCodec, crashAt: number) {
	let toEngine: (message: FromEncoder) => void = () => {};
	let onError: (error: Error) => void = () => {};
	let toHost: (message: ToEncoder) => void = () => {};
	let streams = 0;
	let dead = false;
	serveParquetEncoder(
		{
			postMessage: (message) => setTimeout(() => dead || toEngine(message)),
			listen: (onMessage) => (toHost = onMessage)
		},
		Promise.resolve(codec)
	);
	const encoder = new WorkerParquetEncoder(
		{
			postMessage: (message) =>
				setTimeout(() => {
					if (dead) return;
					if (message.type === 'chunk' && ++streams === crashAt) {
						dead = true;
						onError(new Error('RuntimeError: Out of bounds memory access'));
					} else toHost(message);
				}),
			listen(onMessage, onFailure) {
				toEngine = onMessage;
				onError = onFailure;
			},
			terminate: () => void (dead = true)
		},
		inlineParquetEncoder(codec),
		{ maxBytesInFlight: 256 << 10 }
	);
	return { encoder, crashed: () => dead };
}

describe('the Parquet encoder worker dies during a run', () => {
	let sql: SqlEngine;
	let codec: ParquetCodec;
	beforeAll(async () => {
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), openCodec()]);
	});
	afterAll(() => sql?.close());

	const lake = () => twoFileLake(sql, codec);

	const contents = (tables: LakeManifest['tables']) =>
		Object.fromEntries(Object.entries(tables).map(([key, { rows, sha256 }]) => [key, { rows, sha256 }]));

	let inline: Record<string, { rows: number; sha256: string }>;
	beforeAll(async () => {
		const deps = await lake();
		await runPipeline(deps, {}, steps);
		inline = contents((await readManifest(deps.store))!.tables);
	}, 60_000);

	// 1: b1's Bronze, its first stream; 3: within it, with streams of it already encoded; 9: a later output.
	it.each([1, 3, 9])(
		'at its stream %i: the run publishes what an inline run does',
		async (crashAt) => {
			const deps = await lake();
			let worker: ReturnType<typeof crashingWorker> | undefined;
			const encoder = (): ParquetEncoder => (worker = crashingWorker(codec, crashAt)).encoder;
			const log = await runPipeline({ ...deps, encoder }, {}, steps);
			expect(worker!.crashed()).toBe(true);
			expect(log.status).toBe('succeeded_with_warnings');
			const manifest = (await readManifest(deps.store))!;
			// The same rows in the same bytes: the engine's thread encodes with the same codec.
			expect(contents(manifest.tables)).toEqual(inline);
			expect(manifest.tables['bronze/products/b1'].rows).toBe(200_002);
			expect(await deps.store.list('_staging')).toEqual([]);
		},
		60_000
	);
});
