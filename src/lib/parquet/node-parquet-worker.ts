// The Node twin of src/workers/parquet.worker.ts, for nodeWorkerParquetEncoder (tests, profiling).
import { parentPort } from 'node:worker_threads';
import { openNodeParquetCodec } from './node-parquet-codec';
import { serveParquetEncoder, type ToEncoder } from './worker-parquet-encoder';

const port = parentPort!;
serveParquetEncoder(
	{
		postMessage: (message, transfer) => port.postMessage(message, transfer),
		listen: (onMessage) => port.on('message', (message: ToEncoder) => onMessage(message))
	},
	openNodeParquetCodec()
);
