import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LakeService } from '../../../src/lib/engine/lake-service';
import type { LakeStore } from '../../../src/lib/lake/lake-store';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { ingestFile } from '../../../src/lib/pipeline/ingest/ingest-file';
import { WINDOW_BYTES } from '../../../src/lib/pipeline/ingest/raw-bytes';
import { listRawFiles } from '../../../src/lib/pipeline/ingest/raw-files';
import { REJECT_TEXT_BYTES } from '../../../src/lib/pipeline/ingest/raw-text';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

/**
 * Finding 8: a raw file was read whole into memory, a 40 MB field went into Bronze, a binary file was
 * ingested row by row (up to 9.6 KB of garbage per reject), and Save as Parquet could overwrite `gold/`
 * or `bronze/` files. (The memory while ingesting a 1 GB CSV is measured by
 * `node bench/tools/ingest-memory.js`, not here.)
 */
describe('regression: a raw file is bounded', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	});
	afterAll(() => sql?.close());

	/** A store that records how its files are read: whole (`read`) or by the range (`blob().slice`). */
	function watched(store: LakeStore) {
		const whole: string[] = [];
		const ranges: number[] = [];
		const proxy: LakeStore = {
			list: (prefix) => store.list(prefix),
			stat: (path) => store.stat(path),
			read: (path) => (whole.push(path), store.read(path)),
			async blob(path) {
				const blob = await store.blob(path);
				return {
					size: blob.size,
					slice: (from: number, to: number) => (
						ranges.push(Math.min(to, blob.size) - from),
						blob.slice(from, to)
					)
				} as Blob;
			},
			write: (path, data) => store.write(path, data),
			writer: (path) => store.writer(path),
			move: (from, to) => store.move(from, to),
			delete: (path) => store.delete(path)
		};
		return { store: proxy, whole, ranges };
	}

	const HEADER = 'product_id,product_name,category,list_price,unit_cost';

	it('a 40 MB field rejects its row, with its length and its first 2 KB; the file is never read whole', async () => {
		const memory = new MemoryLakeStore();
		const field = 'x'.repeat(40 << 20);
		const csv = [
			HEADER,
			'P1,Pen,Stationery,10.00,5.00',
			`P2,${field},Stationery,1.00,0.50`,
			'P3,Ink,Stationery,3.00,1.00'
		];
		await memory.write('raw/products/big.csv', new TextEncoder().encode(`${csv.join('\n')}\n`));
		const { store, whole, ranges } = watched(memory);
		const [file] = await listRawFiles(store);
		const result = await ingestFile(sql, store, file, { ingestedAt: '2026-01-01 00:00:00' });

		expect(result).toMatchObject({ status: 'ingested', rows_raw: 3, rows_bronze: 2, rows_rejected: 1 });
		expect(whole).toEqual([]);
		expect(Math.max(...ranges)).toBeLessThanOrEqual(WINDOW_BYTES);
		const { rows } = await sql.query(
			`SELECT (SELECT string_agg(product_id, ',' ORDER BY product_id) FROM bronze_products) AS kept,
			        (SELECT max(length(product_name)) FROM bronze_products)::INTEGER AS longest_name,
			        r._row_number::INTEGER AS n, r.reason, length(r.raw_text)::INTEGER AS text_length, left(r.raw_text, 6) AS text_start
			 FROM bronze_rejects r WHERE r._source_file = 'raw/products/big.csv'`
		);
		const rowBytes = `P2,${field},Stationery,1.00,0.50`.length;
		expect(rows).toEqual([
			{
				kept: 'P1,P3',
				longest_name: 3,
				n: 2,
				reason: `the row is longer than 1 MB (${rowBytes.toLocaleString('en-IN')} bytes; a raw row may be 1 MB at most)`,
				text_length: REJECT_TEXT_BYTES + ` (${rowBytes.toLocaleString('en-IN')} bytes in all)`.length + 1,
				text_start: 'P2,xxx'
			}
		]);
	});

	it('a binary file is rejected whole, not row by row', async () => {
		const memory = new MemoryLakeStore();
		const binary = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919 + 13) % 256);
		await memory.write(
			'raw/products/image.csv',
			new Uint8Array([...new TextEncoder().encode(`${HEADER}\n`), ...binary])
		);
		const [file] = await listRawFiles(memory);
		expect(await ingestFile(sql, memory, file, { ingestedAt: '2026-01-01 00:00:00' })).toMatchObject({
			status: 'rejected',
			message: expect.stringMatching(/^The file is binary, not text: byte \d+ is a NUL byte\./),
			rows_raw: 0,
			rows_rejected: 0
		});
		// No reject row was written for it (nor any table made).
		const { rows } = await sql.query(
			`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'bronze_rejects'`
		);
		if (rows[0].n) {
			const rejects = await sql.query(
				`SELECT count(*)::INTEGER AS n FROM bronze_rejects WHERE _source_file = 'raw/products/image.csv'`
			);
			expect(rejects.rows).toEqual([{ n: 0 }]);
		}
	});

	it('Save as Parquet writes under user/ only, never over a pipeline layer', async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		const lake = new LakeService(sql, new MemoryLakeStore(), await createParquetWasmCodec(wasm));
		const fact = new Uint8Array([1, 2, 3]);
		await lake.store.write('gold/fact_sales/run-1.parquet', fact);
		for (const path of [
			'gold/fact_sales/run-1.parquet',
			'gold/fact_sales.parquet',
			'bronze/products/b.parquet'
		]) {
			await expect(lake.writeParquet(path, 'SELECT 1 AS x'), path).rejects.toThrow(
				/Results are saved under user\/ only/
			);
		}
		expect(await lake.store.read('gold/fact_sales/run-1.parquet')).toEqual(fact);
		expect((await lake.store.list('bronze')).length).toBe(0);
	});
});
