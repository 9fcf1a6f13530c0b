import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeService } from '../../src/lib/engine/lake-service';
import { sqlLiteral, TableExplorer } from '../../src/lib/engine/table-explorer';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';

// 120 rows: id 0…119; kind cycles a, b, c (40 each); note is NULL on every 10th row and holds a quote on id 7.
const ROWS_SQL = `SELECT range::INTEGER AS id,
	['a', 'b', 'c'][range % 3 + 1] AS kind,
	CASE WHEN range % 10 = 0 THEN NULL WHEN range = 7 THEN 'it''s' ELSE 'n' || range END AS note,
	DATE '2024-01-01' + range::INTEGER AS day
FROM range(120)`;

describe('TableExplorer (DuckDB-WASM + parquet-wasm + a memory lake)', () => {
	let service: LakeService;
	let explorer: TableExplorer;
	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		service = new LakeService(
			await openDuckDBWasmNode(),
			new MemoryLakeStore(),
			await createParquetWasmCodec(wasm)
		);
		explorer = new TableExplorer(service);
		await service.writeParquet('user/items.parquet', ROWS_SQL);
	});
	afterAll(() => service?.sql.close());

	it('pages in file order, and sorts by a column with NULLs last', async () => {
		const first = await explorer.rows('user/items.parquet', { offset: 0, limit: 50 });
		expect(first.total).toBe(120);
		expect(first.rows.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => i));
		expect(first.columns.map((c) => c.name)).toEqual(['id', 'kind', 'note', 'day']);
		const last = await explorer.rows('user/items.parquet', { offset: 100, limit: 50 });
		expect(last.rows.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i));

		const desc = await explorer.rows('user/items.parquet', {
			offset: 0,
			limit: 3,
			orderBy: 'id',
			desc: true
		});
		expect(desc.rows.map((r) => r.id)).toEqual([119, 118, 117]);
		// 108 non-NULL notes sort first; the 12 NULLs (ids 0, 10, …, 110) come last, in file order.
		const nulls = await explorer.rows('user/items.parquet', { offset: 108, limit: 12, orderBy: 'note' });
		expect(nulls.rows.map((r) => r.id)).toEqual(Array.from({ length: 12 }, (_, i) => i * 10));
	});

	it('filters by equality with quoted values, and by NULL', async () => {
		const b = await explorer.rows('user/items.parquet', {
			offset: 0,
			limit: 5,
			where: [{ column: 'kind', equals: 'b' }]
		});
		expect(b.total).toBe(40);
		expect(b.rows.map((r) => r.id)).toEqual([1, 4, 7, 10, 13]);
		const quoted = await explorer.rows('user/items.parquet', {
			offset: 0,
			limit: 5,
			where: [{ column: 'note', equals: "it's" }]
		});
		expect(quoted.rows.map((r) => r.id)).toEqual([7]);
		const injection = await explorer.rows('user/items.parquet', {
			offset: 0,
			limit: 5,
			where: [{ column: 'kind', equals: "a' OR '1'='1" }]
		});
		expect(injection.total).toBe(0);
		const nulls = await explorer.rows('user/items.parquet', {
			offset: 0,
			limit: 50,
			where: [
				{ column: 'note', equals: null },
				{ column: 'kind', equals: 'a' }
			]
		});
		expect(nulls.rows.map((r) => r.id)).toEqual([0, 30, 60, 90]);
	});

	it('refuses unknown columns and bad pages with sentences', async () => {
		await expect(
			explorer.rows('user/items.parquet', { offset: 0, limit: 5, orderBy: 'id; DROP TABLE x' })
		).rejects.toThrow('user/items.parquet has no column "id; DROP TABLE x".');
		await expect(
			explorer.rows('user/items.parquet', { offset: 0, limit: 5, where: [{ column: 'nope', equals: 1 }] })
		).rejects.toThrow('has no column "nope"');
		await expect(explorer.rows('user/items.parquet', { offset: -1, limit: 5 })).rejects.toThrow(/row 0/);
		await expect(explorer.rows('user/items.parquet', { offset: 0, limit: 5000 })).rejects.toThrow(
			/1 to 1000/
		);
		await expect(explorer.rows('user/missing.parquet', { offset: 0, limit: 5 })).rejects.toThrow(
			'The lake has no file at user/missing.parquet'
		);
	});

	it('describes every column: type, NULLs, distinct values, min and max', async () => {
		const stats = await explorer.stats('user/items.parquet');
		expect(stats.rows).toBe(120);
		expect(stats.columns).toEqual([
			{ name: 'id', type: 'INTEGER', nulls: 0, distinct: expect.any(Number), min: '0', max: '119' },
			{ name: 'kind', type: 'VARCHAR', nulls: 0, distinct: 3, min: 'a', max: 'c' },
			{ name: 'note', type: 'VARCHAR', nulls: 12, distinct: expect.any(Number), min: "it's", max: 'n99' },
			{
				name: 'day',
				type: 'DATE',
				nulls: 0,
				distinct: expect.any(Number),
				min: '2024-01-01',
				max: '2024-04-29'
			}
		]);
		// HyperLogLog is approximate: within a few percent of the true 120 and 108.
		expect(Math.abs(stats.columns[0].distinct! - 120)).toBeLessThan(8);
		expect(Math.abs(stats.columns[2].distinct! - 108)).toBeLessThan(8);
	});

	it('reloads a file once it changes, and keeps only a few files loaded', async () => {
		await service.writeParquet('user/items.parquet', 'SELECT range::INTEGER AS id FROM range(7)');
		expect((await explorer.rows('user/items.parquet', { offset: 0, limit: 50 })).total).toBe(7);
		expect((await explorer.stats('user/items.parquet')).rows).toBe(7);

		for (const n of [1, 2, 3, 4]) {
			await service.writeParquet(`user/t${n}.parquet`, `SELECT range AS n FROM range(${n})`);
			expect((await explorer.rows(`user/t${n}.parquet`, { offset: 0, limit: 10 })).total).toBe(n);
		}
		const { rows } = await service.query(
			`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'explore_%' ORDER BY table_name`
		);
		expect(rows.map((r) => r.table_name)).toEqual(['explore_3_t2', 'explore_4_t3', 'explore_5_t4']);
	});

	it('quotes literals', () => {
		expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
		expect(sqlLiteral(5)).toBe('5');
		expect(sqlLiteral(12345678901234567890n)).toBe('12345678901234567890');
		expect(sqlLiteral(false)).toBe('FALSE');
		expect(() => sqlLiteral(Number.NaN)).toThrow('NaN cannot be compared with a column.');
	});
});
