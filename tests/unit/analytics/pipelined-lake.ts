import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import type { LakeStore } from '../../../src/lib/lake/lake-store';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

/**
 * A generated lake run through the pipeline on DuckDB-WASM's Node build: its Gold tables stay in the
 * engine, ready for the KPI queries. Close the engine when done. Pass a store to read the raw files after.
 */
export async function openPipelinedLake(
	settings: Parameters<typeof generateRaw>[0],
	store: LakeStore = new MemoryLakeStore()
): Promise<DuckDBWasmEngine> {
	const wasm = await readFile(
		createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
	);
	await generateRaw(settings, store);
	const sql = await openDuckDBWasmNode();
	const log = await runPipeline({ sql, store, codec: await createParquetWasmCodec(wasm) });
	expect(log.status).toBe('succeeded');
	return sql;
}
