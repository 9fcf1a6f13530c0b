import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earlierGoldStandIns } from '$lib/analytics/gold-compat';
import { buildGold } from '$lib/pipeline/gold/build-gold';
import { buildSilver } from '$lib/pipeline/silver/build-silver';
import type { DuckDBWasmEngine } from '$lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '$lib/sql/duckdb-wasm-node';
import { loadRetailFixture, REFERENCE_TIME } from '../pipeline/silver/retail-fixture';

/**
 * Finding: gold_agg_category_customer_months' stand-in (for a lake an earlier build published without it) read
 * gold_dim_product, which it did not name among its sources, so GoldTables never loaded it: `cli report --page
 * customers --category Beauty` failed with "Table with name gold_dim_product does not exist" on a lake whose
 * other Gold was published. Each stand-in is now made in an engine that holds only the Gold it names.
 */
describe('an earlier Gold stand-in is made from the tables it names and no other', () => {
	let sql: DuckDBWasmEngine;
	const standIns = () => earlierGoldStandIns(sql);

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await loadRetailFixture(sql);
		await buildSilver(sql, { referenceTime: REFERENCE_TIME });
		await buildGold(sql);
	});
	afterAll(() => sql?.close());

	async function goldTables(): Promise<string[]> {
		const { rows } = await sql.query(
			"SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'gold\\_%' ESCAPE '\\' ORDER BY 1"
		);
		return rows.map((row) => String(row.table_name));
	}

	it('makes every stand-in with the rest of Gold out of reach', async () => {
		const tables = await goldTables();
		const made = tables.filter((table) => standIns().sourcesOf(table) !== undefined);
		expect(made).toEqual([
			'gold_agg_category_customer_months',
			'gold_agg_category_order_totals',
			'gold_agg_customer_months',
			'gold_agg_daily_category_orders',
			'gold_agg_daily_orders',
			'gold_agg_order_totals',
			'gold_agg_product_sales',
			'gold_agg_stock_draws',
			'gold_fact_order_categories',
			'gold_fact_orders'
		]);
		for (const table of made) {
			const { rows: before } = await sql.query(`SELECT * FROM ${table} ORDER BY ALL`);
			const sources = standIns().sourcesOf(table)!;
			const hidden = tables.filter((other) => !sources.includes(other));
			for (const other of hidden) await sql.exec(`ALTER TABLE ${other} RENAME TO hidden_${other}`);
			try {
				await standIns().make(table);
				expect((await sql.query(`SELECT * FROM ${table} ORDER BY ALL`)).rows, table).toEqual(before);
				await sql.exec(`DROP TABLE ${table}`);
			} finally {
				for (const other of hidden) await sql.exec(`ALTER TABLE hidden_${other} RENAME TO ${other}`);
			}
		}
	});
});
