// The Node twin of src/workers/parquet.worker.ts, for nodeWorkerParquetEncoder (tests, profiling).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { createParquetWasmCodec } from './parquet-wasm-codec';
import { serveParquetEncoder, type ToEncoder } from './worker-parquet-encoder';

const port = parentPort!;
const wasm = createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');
serveParquetEncoder(
	{
		postMessage: (message, transfer) => port.postMessage(message, transfer),
		listen: (onMessage) => port.on('message', (message: ToEncoder) => onMessage(message))
	},
	readFile(wasm).then((bytes) => createParquetWasmCodec(bytes))
);
