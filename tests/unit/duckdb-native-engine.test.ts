import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import { DuckDBNativeEngine } from '../../src/lib/sql/duckdb-native-engine';
import { sqlEngineContract } from './sql-engine.contract';

describe('DuckDB native engine (@duckdb/node-api)', () => {
	let engine: DuckDBNativeEngine;
	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		engine = await DuckDBNativeEngine.open(await createParquetWasmCodec(wasm), { threads: 1 });
	});
	afterAll(() => engine?.close());

	it('runs native DuckDB 1.5 with the requested threads', async () => {
		expect(await engine.version()).toMatch(/^v1\.5\./);
		const { rows } = await engine.query(`SELECT current_setting('threads') AS threads`);
		expect(rows).toEqual([{ threads: 1 }]);
	});

	it('keeps registered files inside its private folder', async () => {
		await expect(engine.registerFile('../escape.csv', new Uint8Array())).rejects.toThrow(/leaves/);
	});

	sqlEngineContract('native DuckDB', () => engine);
});
