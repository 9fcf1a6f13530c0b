import type { ParquetCodec } from './parquet-codec';
import { inlineParquetEncoder, type ParquetEncoder } from './parquet-encoder';
import { WorkerParquetEncoder, type FromEncoder } from './worker-parquet-encoder';

/**
 * A WorkerParquetEncoder on a browser worker running `src/workers/parquet.worker.ts` (the caller creates
 * it, so that the bundler sees `new Worker(new URL(…))`); `codec` encodes inline should the worker fail.
 */
export function browserWorkerParquetEncoder(worker: Worker, codec: ParquetCodec): ParquetEncoder {
	return new WorkerParquetEncoder(
		{
			postMessage: (message, transfer) => worker.postMessage(message, transfer),
			listen(onMessage, onError) {
				worker.addEventListener('message', (event: MessageEvent<FromEncoder>) => onMessage(event.data));
				worker.addEventListener('error', (event) => {
					event.preventDefault();
					onError(new Error(event.message || 'the worker could not start'));
				});
			},
			terminate: () => worker.terminate()
		},
		inlineParquetEncoder(codec)
	);
}
