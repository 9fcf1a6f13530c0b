import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeService } from '../../src/lib/engine/lake-service';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';

describe('LakeService (DuckDB-WASM + parquet-wasm + a memory lake)', () => {
	let service: LakeService;
	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		service = new LakeService(
			await openDuckDBWasmNode(),
			new MemoryLakeStore(),
			await createParquetWasmCodec(wasm)
		);
	});
	afterAll(() => service?.sql.close());

	it('writes a query result as Parquet, describes it, and loads it back with equal values', async () => {
		const info = await service.writeParquet(
			'user/sample.parquet',
			`SELECT range::INTEGER AS id, 'p' || range AS name, DATE '2024-02-28' + range::INTEGER AS day
			 FROM range(300000)`
		);
		expect(info.path).toBe('user/sample.parquet');
		expect(info.parquet).toEqual({
			rows: 300_000,
			// Row groups of 122,880 rows (DEFAULT_ROW_GROUP_SIZE).
			rowGroups: 3,
			columns: [
				{ name: 'id', type: 'INTEGER' },
				{ name: 'name', type: 'VARCHAR' },
				{ name: 'day', type: 'DATE' }
			]
		});
		expect(await service.loadParquet('user/sample.parquet', 'sample')).toBe(300_000);
		const { rows } = await service.query(
			`SELECT sum(id)::BIGINT AS s, max(name) AS top, min(day)::VARCHAR AS first, max(day)::VARCHAR AS last
			 FROM sample`
		);
		// Σ 0..299,999 = 299,999·300,000/2; 2024-02-28 + 299,999 days = 2845-07-12 (Python's datetime).
		expect(rows).toEqual([{ s: 44_999_850_000, top: 'p99999', first: '2024-02-28', last: '2845-07-12' }]);
	});

	it('lists the lake with Parquet metadata and flags a broken Parquet file instead of failing', async () => {
		await service.store.write('raw/notes.txt', new TextEncoder().encode('hello'));
		await service.store.write('user/broken.parquet', new TextEncoder().encode('not parquet at all'));
		const files = await service.listLake();
		expect(files.map((f) => f.path)).toEqual(['raw/notes.txt', 'user/broken.parquet', 'user/sample.parquet']);
		expect(files[0]).toMatchObject({ size: 5 });
		expect(files[0].parquet).toBeUndefined();
		expect(files[1].parquet).toBeUndefined();
		expect(files[1].problem).toMatch(/^Not a readable Parquet file/);
	});

	it('refuses a Parquet path without the .parquet extension', async () => {
		await expect(service.writeParquet('user/x.csv', 'SELECT 1')).rejects.toThrow(/must end with \.parquet/);
	});
});
