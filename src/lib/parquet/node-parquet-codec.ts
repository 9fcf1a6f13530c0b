// Node only (the CLI, tests, profiling): the browser loads the same wasm by URL in its workers.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ParquetCodec } from './parquet-codec';
import { createParquetWasmCodec, type ParquetWasmCodecOptions } from './parquet-wasm-codec';

/** The parquet-wasm module's file in node_modules. */
const PARQUET_WASM = createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm');

/** The Parquet codec over parquet-wasm, read from node_modules. */
export async function openNodeParquetCodec(options?: ParquetWasmCodecOptions): Promise<ParquetCodec> {
	return createParquetWasmCodec(await readFile(PARQUET_WASM), options);
}
