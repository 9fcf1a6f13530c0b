import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productRankings } from '../../../src/lib/analytics/commercial';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import { pageReport } from '../../../src/lib/analytics/reports';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { createCommercialFixture } from '../analytics/gold-fixture';
import { buildSalesAggregates } from '../analytics/sales-aggregates';
import { keepingDerivedTables } from '../helpers/keeping-derived-tables';

/**
 * Finding: the Sales page's top products summed every sales line on each change of filters, so it was the one
 * dashboard query that still read gold_fact_sales, and the page loaded the 1M lines on its first visit (3.4 s
 * at the bench's scale). Gold now sums the lines by day, product, city, channel and spike flag
 * (gold_agg_product_sales), which every filter of the page can select.
 *
 * The commercial fixture (gold-fixture.ts: O1 = P1 100 + P2 40 by C1 at S1 Mumbai on 1 Jan, O2 P2 60 web
 * Delhi 5 Jan, O3 P1 90 web Mumbai 6 Jan, O4 P3 50 a 10-unit spike at S2 Delhi 8 Jan, O5 P1 200 at S2 Delhi
 * 10 Jan) plus O13: P2 on 1 Jan at S1, 1 unit for 30 and a return of 1 for −20, beside O1's P2 line.
 */
describe('top products read every line', () => {
	let sql: DuckDBWasmEngine;
	const rows = async (query: string) => (await sql.query(query)).rows.map((row) => Object.values(row));

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
		await sql.exec(`
			INSERT INTO gold_fact_sales VALUES
				('O13', 1, 20240101, 2, 1, 1, 'C1', 'pos', 'Mumbai', 1, 30, 8, false, false, 13),
				('O13', 2, 20240101, 2, 1, 1, 'C1', 'pos', 'Mumbai', -1, -20, -8, false, true, 13);
		`);
		await buildSalesAggregates(sql);
	});
	afterAll(() => sql?.close());

	it('sums the lines by day, product, city, channel and spike flag, returns included', async () => {
		expect(
			await rows(`SELECT date_key, product_sk, city, channel, is_spike, net_amount::VARCHAR, quantity
				FROM gold_agg_product_sales ORDER BY ALL`)
		).toEqual([
			[20240101, 1, 'Mumbai', 'pos', false, '100.00', 1],
			// O1's 2 units for 40, O13's 1 for 30 and its return of 1 for −20.
			[20240101, 2, 'Mumbai', 'pos', false, '50.00', 2],
			[20240105, 2, 'Delhi', 'web', false, '60.00', 3],
			[20240106, 1, 'Mumbai', 'web', false, '90.00', 1],
			[20240108, 3, 'Delhi', 'pos', true, '50.00', 10],
			[20240110, 1, 'Delhi', 'pos', false, '200.00', 2]
		]);
	});

	// The dashboards' engine keeps derived tables: with no date range it reads the daily sums added up over every
	// day (product-sales-totals.sql), which must rank the same.
	it.each([
		['the daily sums', false],
		['their totals over every day where the engine keeps them', true]
	])('ranks the products as the lines do, under each filter, from %s', async (_, keeping) => {
		const made: string[] = [];
		const engine = keeping ? keepingDerivedTables(sql, made) : sql;
		// By hand. All sales: P1 100 + 90 + 200 = 390 (4 units), P2 50 + 60 = 110 (5), P3 50 (10).
		const all = await productRankings(engine, {});
		expect(all.byRevenue.map((p) => [p.productId, p.revenue, p.units])).toEqual([
			['P1', 390, 4],
			['P2', 110, 5],
			['P3', 50, 10]
		]);
		expect(all.byUnits.map((p) => p.productId)).toEqual(['P3', 'P2', 'P1']);
		// Spikes left out: O4's P3 goes.
		const unflagged = await productRankings(engine, { spikes: 'exclude' });
		expect(unflagged.byRevenue.map((p) => [p.productId, p.revenue, p.units])).toEqual([
			['P1', 390, 4],
			['P2', 110, 5]
		]);
		// Spikes left out, Mumbai: P1 100 + 90, P2 50.
		const mumbai = await productRankings(engine, { city: 'Mumbai', spikes: 'exclude' });
		expect(mumbai.byRevenue.map((p) => [p.productId, p.revenue, p.units])).toEqual([
			['P1', 190, 2],
			['P2', 50, 2]
		]);
		// Web, Apparel: O2's P2 only; POS from the 2nd to the 9th: O4's spike.
		const web = await productRankings(engine, { channel: 'web', category: 'Apparel' });
		expect(web.byRevenue.map((p) => [p.productId, p.revenue, p.units])).toEqual([['P2', 60, 3]]);
		const days = await productRankings(engine, { channel: 'pos', from: '2024-01-02', to: '2024-01-09' });
		expect(days.byRevenue.map((p) => [p.productId, p.revenue, p.units])).toEqual([['P3', 50, 10]]);
		// The four rankings with no date range read one table of totals; the dated one reads the daily sums.
		expect(made).toHaveLength(keeping ? 4 : 0);
		expect(new Set(made).size).toBe(keeping ? 1 : 0);
	});

	it('answers the whole Sales page without the lines', async () => {
		const cases: KpiFilters[] = [
			{},
			{ city: 'Delhi', spikes: 'exclude' },
			{ category: 'Electronics' },
			{ channel: 'pos', from: '2024-01-01', to: '2024-01-05' }
		];
		const before = await Promise.all(cases.map((filters) => pageReport(sql, 'sales', filters)));
		await sql.exec('ALTER TABLE gold_fact_sales RENAME TO gold_fact_sales_away');
		try {
			for (const [i, filters] of cases.entries()) {
				expect(await pageReport(sql, 'sales', filters), JSON.stringify(filters)).toEqual(before[i]);
			}
		} finally {
			await sql.exec('ALTER TABLE gold_fact_sales_away RENAME TO gold_fact_sales');
		}
	});
});
