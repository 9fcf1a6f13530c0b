import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLakeStore } from '$lib/lake/memory-lake-store';
import { clearLake, lakeSize } from '$lib/pipeline/run/lake-clear';
import type { DuckDBWasmEngine } from '$lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '$lib/sql/duckdb-wasm-node';

describe('clearLake', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	});
	afterAll(() => sql?.close());

	it('removes every file of the lake, says how much it freed, and leaves the engine no pipeline table', async () => {
		const store = new MemoryLakeStore();
		const files: [string, number][] = [
			['raw/pos_sales/gen-s1-2024-01-01-2024-01-31.csv', 300],
			['raw/_truth.json', 20],
			['gold/fact_sales/run-1.parquet', 1000],
			['_manifest.json', 50],
			['_runs/run-1.json', 40],
			['analytics/quality/run-1.json', 60],
			['analytics/basket/run-1/rules.parquet', 500],
			['analytics/forecast/run-1/forecast.json', 70],
			['user/mine.parquet', 10]
		];
		for (const [path, bytes] of files) await store.write(path, new Uint8Array(bytes));
		await sql.exec('CREATE TABLE bronze_pos_sales AS SELECT 1 AS x');
		await sql.exec('CREATE TABLE gold_fact_sales AS SELECT 1 AS x');

		// 300 + 20 + 1,000 + 50 + 40 + 60 + 500 + 70 + 10 = 2,050 bytes in 9 files.
		expect(await lakeSize(store)).toEqual({ files: 9, bytes: 2050 });
		expect(await clearLake(store, sql)).toEqual({ files: 9, bytes: 2050 });
		expect(await store.list()).toEqual([]);
		const { rows } = await sql.query(
			"SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN ('bronze_pos_sales', 'gold_fact_sales')"
		);
		expect(rows[0].n).toBe(0);
	});
});
