import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import type { ParquetCodec } from '../../src/lib/parquet/parquet-codec';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import { DuckDBNativeEngine } from '../../src/lib/sql/duckdb-native-engine';
import { sqlEngineContract } from './sql-engine.contract';

describe('DuckDB native engine (@duckdb/node-api)', () => {
	let engine: DuckDBNativeEngine;
	let codec: ParquetCodec;
	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		codec = await createParquetWasmCodec(wasm);
		engine = await DuckDBNativeEngine.open(codec, { threads: 1 });
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

	it('writes a query as Parquet itself, which parquet-wasm reads back, and loads Parquet bytes as a table', async () => {
		const query = `SELECT i AS id, 'p' || i AS name, (i * 0.5)::DOUBLE AS price FROM range(3) t(i)`;
		const parquet = await engine.queryParquet(query);
		expect([...parquet.subarray(0, 4)]).toEqual([...new TextEncoder().encode('PAR1')]);
		const rows = tableFromIPC(codec.decode(parquet))
			.toArray()
			.map((row) => ({ id: Number(row.id), name: row.name, price: row.price }));
		expect(rows).toEqual([
			{ id: 0, name: 'p0', price: 0 },
			{ id: 1, name: 'p1', price: 0.5 },
			{ id: 2, name: 'p2', price: 1 }
		]);

		await engine.loadParquet('loaded', parquet);
		const { rows: loaded } = await engine.query(
			`SELECT count(*)::INT AS n, sum(price)::DOUBLE AS total FROM loaded`
		);
		expect(loaded).toEqual([{ n: 3, total: 1.5 }]);
	});

	sqlEngineContract('native DuckDB', () => engine);
});
