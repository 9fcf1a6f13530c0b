/// <reference lib="webworker" />
// The Parquet encoder worker, started by the engine worker: encodes a pipeline run's Arrow outputs as
// Parquet on a core of its own while DuckDB exports the next one (src/lib/parquet/worker-parquet-encoder.ts).
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { createParquetWasmCodec } from '$lib/parquet/parquet-wasm-codec';
import { serveParquetEncoder, type ToEncoder } from '$lib/parquet/worker-parquet-encoder';

serveParquetEncoder(
	{
		postMessage: (message, transfer) => self.postMessage(message, transfer),
		listen: (onMessage) =>
			self.addEventListener('message', (event: MessageEvent<ToEncoder>) => onMessage(event.data))
	},
	createParquetWasmCodec(parquetWasmUrl)
);
