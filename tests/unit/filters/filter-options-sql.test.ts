import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILTER_OPTIONS_SQL, toFilterOptions } from '../../../src/lib/filters/filter-options';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { DuckDBNativeEngine } from '../../../src/lib/sql/duckdb-native-engine';

describe('FILTER_OPTIONS_SQL on a gold_agg_daily_sales fixture', () => {
	let engine: DuckDBNativeEngine;
	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		engine = await DuckDBNativeEngine.open(await createParquetWasmCodec(wasm), { threads: 1 });
	});
	afterAll(() => engine?.close());

	it('lists each city and category once, skips NULL cities, and spans the first to the last day', async () => {
		await engine.exec(`
			CREATE OR REPLACE TABLE gold_agg_daily_sales AS
			SELECT * FROM (VALUES
				(20240229, 'Pune', 'Toys', 'pos'),
				(20231231, 'Pune', 'Apparel', 'web'),
				(20250101, NULL, 'Toys', 'web'),
				(20240715, 'Bengaluru', 'Apparel', 'pos')
			) AS t(date_key, city, category, channel)`);
		expect(toFilterOptions((await engine.query(FILTER_OPTIONS_SQL)).rows)).toEqual({
			cities: ['Bengaluru', 'Pune'],
			categories: ['Apparel', 'Toys'],
			dataStart: '2023-12-31',
			dataEnd: '2025-01-01'
		});
	});

	it('has no span for an empty table', async () => {
		await engine.exec(`DELETE FROM gold_agg_daily_sales`);
		expect(toFilterOptions((await engine.query(FILTER_OPTIONS_SQL)).rows)).toEqual({
			cities: [],
			categories: [],
			dataStart: null,
			dataEnd: null
		});
	});
});
