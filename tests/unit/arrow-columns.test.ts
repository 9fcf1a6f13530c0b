import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberColumn, textColumn } from '../../src/lib/sql/arrow-columns';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';

describe('Arrow columns read from DuckDB', () => {
	let sql: SqlEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	});
	afterAll(async () => {
		await sql.close();
	});

	it('text: ASCII chunks as slices, other chunks value by value, nulls as null, across chunks', async () => {
		const table = tableFromIPC(
			await sql.queryArrowIPC(`SELECT CASE WHEN i % 7 = 3 THEN NULL WHEN i >= 4000 AND i % 5 = 0 THEN 'São ' || i
				ELSE 'City ' || i END AS city FROM range(6000) t(i) ORDER BY i`)
		);
		const vector = table.getChild('city')!;
		expect(vector.data.length).toBeGreaterThan(1);
		const texts = textColumn(vector);
		expect(texts.slice(4004, 4007)).toEqual(['City 4004', 'São 4005', 'City 4006']);
		expect(texts).toHaveLength(6000);
		expect(texts).toEqual(Array.from({ length: 6000 }, (_, i) => vector.get(i)));
		expect(texts[3]).toBeNull();
		expect(texts[4005]).toBe('São 4005');
		expect(texts[5999]).toBe('City 5999');
	});

	it('numbers: integers, doubles and BIGINT as exact numbers', async () => {
		const table = tableFromIPC(
			await sql.queryArrowIPC(`SELECT CAST(i AS INTEGER) AS n, i / 4 AS d, CAST(i AS BIGINT) * 1000000007 AS b
				FROM range(3000) t(i) ORDER BY i`)
		);
		expect([...numberColumn(table.getChild('n')!)].slice(2998)).toEqual([2998, 2999]);
		expect(numberColumn(table.getChild('d')!)[2999]).toBe(749.75);
		expect(numberColumn(table.getChild('b')!)[2999]).toBe(2999 * 1000000007);
	});
});
