import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParquetCodec } from './parquet-codec';
import type { ParquetEncoder } from './parquet-encoder';
import { inlineParquetEncoder } from './parquet-encoder';
import { WorkerParquetEncoder, type EncoderWorkerPort, type FromEncoder } from './worker-parquet-encoder';

/**
 * A WorkerParquetEncoder on a Node `worker_threads` worker (tests, profiling): the browser's setup, so the
 * overlap can be measured and tested in Node. `codec` is the fallback should the worker fail to start.
 */
export function nodeWorkerParquetEncoder(
	codec: ParquetCodec,
	options?: { maxBytesInFlight?: number }
): ParquetEncoder {
	const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap())}`));
	const port: EncoderWorkerPort = {
		postMessage: (message, transfer) => worker.postMessage(message, transfer),
		listen(onMessage, onError) {
			worker.on('message', (message: FromEncoder) => onMessage(message));
			worker.on('error', onError);
		},
		terminate: () => void worker.terminate()
	};
	return new WorkerParquetEncoder(port, inlineParquetEncoder(codec), options);
}

/**
 * The worker's entry: registers tsx's loader, then imports the TypeScript worker. (On Node 20 a worker's
 * `--import tsx` does not apply to its own entry module, so the loader is registered from inside.)
 */
function bootstrap(): string {
	const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
	// tsx's `./esm/api` export for `import`.
	const tsxApi = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href;
	const entry = new URL('./node-parquet-worker.ts', import.meta.url).href;
	return `import { register } from ${JSON.stringify(tsxApi)};
register();
await import(${JSON.stringify(entry)});`;
}
