import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import kpiCardsSql from '../../../src/lib/analytics/commercial/kpi-cards.sql?raw';
import { GoldTables, withGoldTables } from '../../../src/lib/analytics/gold-tables';
import { orderPartsOverEveryDay } from '../../../src/lib/analytics/order-parts';
import type { LakeManifest } from '../../../src/lib/pipeline/types';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { withoutComments } from '../../../src/lib/sql/sql-text';
import { fillSql } from '../../../src/lib/sql/sql-template';

/**
 * Finding: a Gold table named only in a query's comment was loaded. Once Gold published the order parts added
 * up over every day (gold_agg_order_totals), the Sales page's first report with no date range still loaded
 * gold_fact_orders (398,308 rows at 1M lines), which no query of it read: the KPI cards' SQL names it in the
 * comment that says what its rows hold. The tables a query needs are now looked for outside its comments.
 */
describe('a table named only in a comment', () => {
	it('is not in the text looked at; strings and quoted names keep what they hold', () => {
		expect(withoutComments('-- reads gold_fact_orders\nSELECT 1')).toBe(' \nSELECT 1');
		expect(withoutComments("SELECT '-- gold_a', \"x--y\" FROM t /* gold_b\n */ WHERE s = 'it''s'")).toBe(
			"SELECT '-- gold_a', \"x--y\" FROM t   WHERE s = 'it''s'"
		);
		expect(withoutComments("SELECT 'it''s -- not a comment' -- gold_c")).toBe(
			"SELECT 'it''s -- not a comment'  "
		);
	});

	describe('in a query of the app', () => {
		let sql: DuckDBWasmEngine;
		beforeAll(async () => {
			sql = await openDuckDBWasmNode();
		});
		afterAll(() => sql?.close());

		it('is not loaded: the KPI cards with no date range load the order totals alone', async () => {
			const tables = Object.fromEntries(
				['gold/fact_orders', 'gold/agg_order_totals'].map((key) => [
					key,
					{ path: `${key}/r1.parquet`, rows: 1, bytes: 1, sha256: '' }
				])
			);
			const manifest = { version: 2, sequence: 1, run_id: 'r1', tables } as unknown as LakeManifest;
			const loads: string[] = [];
			const gold = new GoldTables(
				async () => manifest,
				async (_path, table) => {
					loads.push(table);
					await sql.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT 1 AS x WHERE false`);
				}
			);
			const cards = fillSql(kpiCardsSql, orderPartsOverEveryDay({}));
			expect(cards).toContain('gold_fact_orders');
			await withGoldTables(sql, gold)
				.query(cards)
				.catch(() => undefined); // the stand-in tables have none of the columns: only the loads matter
			expect(loads).toEqual(['gold_agg_order_totals']);
		});
	});
});
