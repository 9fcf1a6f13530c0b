import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecodeOptions, ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { openNodeParquetCodec } from '../../../src/lib/parquet/node-parquet-codec';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { loadParquetTable, ROW_GROUPS_PER_DECODE } from '../../../src/lib/sql/load-parquet';

/**
 * Finding: after a 10M-line run the Overview said "Could not decode Parquet: unreachable": the engine decoded
 * each Gold file whole into one Arrow stream, and parquet-wasm trapped on fact_sales' 10M rows. Files of more
 * than ROW_GROUPS_PER_DECODE row groups are now decoded that many row groups at a time and appended, in order.
 */
describe('a Gold file of many row groups', () => {
	const ROWS_PER_GROUP = 100;
	// Two parts and a bit: 16 groups, 16 groups, 3 groups.
	const GROUPS = 2 * ROW_GROUPS_PER_DECODE + 3;
	const ROWS = GROUPS * ROWS_PER_GROUP;
	let sql: DuckDBWasmEngine;
	let codec: ParquetCodec;
	let parquet: Uint8Array;
	const decoded: (number[] | undefined)[] = [];

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		const inner = await openNodeParquetCodec({ rowGroupSize: ROWS_PER_GROUP });
		codec = {
			...inner,
			decode(bytes: Uint8Array, options?: DecodeOptions) {
				decoded.push(options?.rowGroups);
				return inner.decode(bytes, options);
			}
		};
		parquet = codec.encode(
			await sql.queryArrowIPC(`SELECT i::INTEGER AS i, 'O-' || i AS order_id FROM range(${ROWS}) t(i)`)
		);
	});
	afterAll(() => sql?.close());

	it('is loaded a part at a time, every row once and in file order', async () => {
		await loadParquetTable(sql, codec, 'loaded', parquet);

		const groups = (first: number, count: number) => Array.from({ length: count }, (_, k) => first + k);
		expect(decoded).toEqual([
			groups(0, ROW_GROUPS_PER_DECODE),
			groups(ROW_GROUPS_PER_DECODE, ROW_GROUPS_PER_DECODE),
			groups(2 * ROW_GROUPS_PER_DECODE, 3)
		]);
		// 0 + 1 + … + (ROWS − 1), and the row stored k-th (its rowid) is i = k.
		const { rows } = await sql.query(
			`SELECT count(*)::INTEGER AS n, sum(i)::BIGINT AS total,
				count(*) FILTER (WHERE i <> rowid OR order_id <> 'O-' || rowid)::INTEGER AS misplaced
			 FROM loaded`
		);
		expect(rows).toEqual([{ n: ROWS, total: (ROWS * (ROWS - 1)) / 2, misplaced: 0 }]);
	});
});
