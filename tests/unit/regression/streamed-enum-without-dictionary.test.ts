import { DataType, tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { openNodeParquetCodec } from '../../../src/lib/parquet/node-parquet-codec';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

/**
 * Finding: DuckDB-WASM's streamed Arrow batches (`fetchQueryResults`) come without the dictionary batch an
 * ENUM column's keys point into, which its whole-result IPC has. Decoded, the first stream's texts read as
 * NULL; encoded as Parquet, arrow-rs failed with "Dyn casting error". Every stream now carries the dictionary.
 */
describe('an ENUM column streamed out of DuckDB-WASM', () => {
	let sql: DuckDBWasmEngine;
	let codec: ParquetCodec;
	beforeAll(async () => {
		[sql, codec] = await Promise.all([openDuckDBWasmNode(), openNodeParquetCodec()]);
		// Rows 0–149,999 'b1', 150,000–299,999 NULL, 300,000–300,499 'b''2' (a quote in the value).
		await sql.exec(`CREATE TABLE lineage AS
			SELECT range AS id, CASE WHEN range < 150000 THEN 'b1' WHEN range < 300000 THEN NULL ELSE 'b''2' END AS batch
			FROM range(300500)`);
	});
	afterAll(() => sql?.close());

	const query = `SELECT id, CAST(batch AS ENUM('b1', 'b''2')) AS batch FROM lineage`;

	it('gives every stream the dictionary, so each decodes to the rows’ texts', async () => {
		const counts = new Map<string | null, number>();
		const streams: number[] = [];
		for await (const stream of sql.queryArrowStreams(query, 100_000)) {
			const table = tableFromIPC(stream);
			expect(DataType.isDictionary(table.schema.fields[1].type)).toBe(true);
			const ids = table.getChild('id')!.toArray() as BigInt64Array;
			const batches = table.getChild('batch')!;
			for (let i = 0; i < table.numRows; i++) {
				const expected = ids[i] < 150_000n ? 'b1' : ids[i] < 300_000n ? null : "b'2";
				expect(batches.get(i)).toBe(expected);
				counts.set(expected, (counts.get(expected) ?? 0) + 1);
			}
			streams.push(table.numRows);
		}
		// 300,500 rows in streams of at least 100,000 (DuckDB's batches are 2,048 rows): 100,352 each but the last.
		expect(streams).toEqual([100_352, 100_352, 99_796]);
		expect(Object.fromEntries(counts)).toEqual({ b1: 150_000, null: 150_000, "b'2": 500 });
	});

	it('encodes as Parquet that reads back as the same texts', async () => {
		const parquet = await codec.encodeStreams!(sql.queryArrowStreams(query, 100_000));
		await sql.loadArrowIPC('read_back', codec.decode(parquet));
		const { rows } = await sql.query(
			`SELECT batch, typeof(batch) AS type, count(*)::INTEGER AS n FROM read_back GROUP BY ALL ORDER BY batch`
		);
		expect(rows).toEqual([
			{ batch: "b'2", type: 'VARCHAR', n: 500 },
			{ batch: 'b1', type: 'VARCHAR', n: 150_000 },
			{ batch: null, type: 'VARCHAR', n: 150_000 }
		]);
	});
});
