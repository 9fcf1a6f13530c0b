import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiCards, revenueByCity } from '../../../src/lib/analytics/commercial';
import { addMissingGoldColumns } from '../../../src/lib/analytics/gold-compat';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { createCommercialFixture } from '../analytics/gold-fixture';

/**
 * Finding: the dashboards count orders by gold_fact_sales.order_key, which Gold published by an earlier
 * build lacks, so a lake kept in the browser from before would fail on every page until a new run. Loading
 * such a table now adds the column. The fixture's orders (gold-fixture.ts): O1 (two lines), O2…O5, so 5
 * orders; Mumbai has O1 and O3, Delhi O2, O4 and O5.
 */
describe('Gold of an earlier build, without order_key', () => {
	let sql: DuckDBWasmEngine;
	const keys = async () =>
		(await sql.query('SELECT order_id, order_key FROM gold_fact_sales ORDER BY order_id, line_no')).rows;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
	});
	afterAll(() => sql?.close());

	it('gets the column on load, and the orders count as before', async () => {
		await sql.exec('ALTER TABLE gold_fact_sales DROP COLUMN order_key');
		await expect(kpiCards(sql, {})).rejects.toThrow(/order_key/);

		await addMissingGoldColumns(sql, 'gold_fact_sales');
		expect(await keys()).toEqual([
			{ order_id: 'O1', order_key: 1 },
			{ order_id: 'O1', order_key: 1 },
			{ order_id: 'O2', order_key: 2 },
			{ order_id: 'O3', order_key: 3 },
			{ order_id: 'O4', order_key: 4 },
			{ order_id: 'O5', order_key: 5 }
		]);
		expect((await kpiCards(sql, {})).current.orders).toBe(5);
		expect((await revenueByCity(sql, {})).map(({ city, orders }) => [city, orders])).toEqual([
			['Delhi', 3],
			['Mumbai', 2]
		]);
	});

	it('leaves a table that has it, and other tables, as they are', async () => {
		await sql.exec('UPDATE gold_fact_sales SET order_key = order_key + 10');
		await addMissingGoldColumns(sql, 'gold_fact_sales');
		await addMissingGoldColumns(sql, 'gold_dim_product');
		expect((await keys()).map((row) => row.order_key)).toEqual([11, 11, 12, 13, 14, 15]);
	});
});
