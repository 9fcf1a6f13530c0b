import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiCards, revenueByCity } from '../../../src/lib/analytics/commercial';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import { pageReport } from '../../../src/lib/analytics/reports';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { createCommercialFixture } from '../analytics/gold-fixture';
import { buildSalesAggregates } from '../analytics/sales-aggregates';

/**
 * Finding: under a category filter the Overview, Sales and Customers pages took the category's lines out of
 * every sales line as order parts (1M lines at the bench's scale, once per category and page), and the
 * Overview, which reads no line otherwise, first loaded gold_fact_sales for it (3.6 s of the 1M bench's
 * slowest change; the next slowest four were first category changes too). Gold now keeps the order parts by
 * category (gold_fact_order_categories), each order's lines in a category standing for the order once.
 *
 * The commercial fixture (gold-fixture.ts: P1 Electronics, P2 Apparel, P3 Grocery; O1 = P1 100 + P2 40 by
 * C1 at S1 Mumbai on 1 Jan, O2…O5 one line each) plus four orders that split by category:
 * - O8, web in Delhi on 2 Jan: P2 by C2 (10) and P3 by UNKNOWN (5): two customer versions, so its whole-order
 *   parts count by distinct order_key, but each category holds one part;
 * - O9, POS at S1 on 3 Jan: P3 a flagged spike (30) and P1 an ordinary line (100);
 * - O10, POS at S1 on 3 Jan: P1 a sale (80) and P2 a return (−40);
 * - O12, POS at S1 on 7 Jan by C1: P2 twice (15 and 25, one uncosted) and a flagged P2 spike (45).
 */
describe('category filter reads every line', () => {
	let sql: DuckDBWasmEngine;
	const rows = async (query: string) => (await sql.query(query)).rows.map((row) => Object.values(row));

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
		await sql.exec(`
			INSERT INTO gold_fact_sales VALUES
				('O8', 1, 20240102, 2, 4, 2, 'C2', 'web', 'Delhi', 1, 10, 8, false, false, 8),
				('O8', 2, 20240102, 3, 4, 6, 'UNKNOWN', 'web', 'Delhi', 1, 5, 4, false, false, 8),
				('O9', 1, 20240103, 3, 1, 1, 'C1', 'pos', 'Mumbai', 12, 30, 48, true, false, 9),
				('O9', 2, 20240103, 1, 1, 1, 'C1', 'pos', 'Mumbai', 1, 100, 60, false, false, 9),
				('O10', 1, 20240103, 1, 1, 1, 'C1', 'pos', 'Mumbai', 2, 80, 120, false, false, 10),
				('O10', 2, 20240103, 2, 1, 1, 'C1', 'pos', 'Mumbai', -1, -40, -8, false, true, 10),
				('O12', 1, 20240107, 2, 1, 1, 'C1', 'pos', 'Mumbai', 1, 15, 8, false, false, 12),
				('O12', 2, 20240107, 2, 1, 1, 'C1', 'pos', 'Mumbai', 1, 25, NULL, false, false, 12),
				('O12', 3, 20240107, 2, 1, 1, 'C1', 'pos', 'Mumbai', 20, 45, 160, true, false, 12);
		`);
		await buildSalesAggregates(sql);
	});
	afterAll(() => sql?.close());

	it('keeps one part per order, category, day, place, customer version and flags; one stands for the order in its category', async () => {
		expect(
			await rows(`SELECT order_key, category, customer_sk, is_spike, is_return, lines, units,
					net_amount::VARCHAR, margin_amount::VARCHAR, uncosted_lines, order_once
				FROM gold_fact_order_categories WHERE order_key IN (1, 8, 9, 10, 12)
				ORDER BY order_key, category, is_spike, is_return`)
		).toEqual([
			// O1: one part per category, each its order's only one there.
			[1, 'Apparel', 1, false, false, 1, 2, '40.00', '24.00', 0, true],
			[1, 'Electronics', 1, false, false, 1, 1, '100.00', '40.00', 0, true],
			// O8: two customer versions, but one per category: no distinct count needed.
			[8, 'Apparel', 2, false, false, 1, 1, '10.00', '2.00', 0, true],
			[8, 'Grocery', 6, false, false, 1, 1, '5.00', '1.00', 0, true],
			// O9: the spike is Grocery's only part, so it stands for the order there.
			[9, 'Electronics', 1, false, false, 1, 1, '100.00', '40.00', 0, true],
			[9, 'Grocery', 1, true, false, 1, 12, '30.00', '-18.00', 0, true],
			// O10: the return is no order.
			[10, 'Apparel', 1, false, true, 1, -1, '-40.00', '-32.00', 0, false],
			[10, 'Electronics', 1, false, false, 1, 2, '80.00', '-40.00', 0, true],
			// O12: two ordinary lines in one part (the uncosted one's margin left out); the spike beside them
			// does not stand for the order.
			[12, 'Apparel', 1, false, false, 2, 2, '40.00', '7.00', 1, true],
			[12, 'Apparel', 1, true, false, 1, 20, '45.00', '-115.00', 0, false]
		]);
	});

	it('counts the orders with a line in the category, spikes left out or kept', async () => {
		// Apparel, spikes left out: O1, O2, O8, O12 (O10 only returned Apparel); revenue 40 + 60 + 10 − 40 + 40.
		const out = (await kpiCards(sql, { category: 'Apparel', spikes: 'exclude' })).current;
		expect([out.orders, out.revenue, out.returns]).toEqual([4, 110, 40]);
		// Kept: the same four (O12's spike is in an order already counted); revenue + 45.
		const kept = (await kpiCards(sql, { category: 'Apparel' })).current;
		expect([kept.orders, kept.revenue]).toEqual([4, 155]);
		// Grocery, spikes left out: O8 only (O4 and O9 are spikes there); kept: O4, O8, O9.
		expect((await kpiCards(sql, { category: 'Grocery', spikes: 'exclude' })).current.orders).toBe(1);
		expect((await kpiCards(sql, { category: 'Grocery' })).current.orders).toBe(3);
		// Electronics in Mumbai: O1, O3, O9, O10.
		const mumbai = await revenueByCity(sql, { category: 'Electronics', spikes: 'exclude' });
		expect(mumbai.map(({ city, orders }) => [city, orders])).toEqual([
			['Mumbai', 4],
			['Delhi', 1]
		]);
	});

	// The Customers page's report under a category: customers-read-every-line.test.ts.
	it('answers the Overview and Sales without the lines', async () => {
		const cases: KpiFilters[] = [
			{ category: 'Apparel' },
			{ category: 'Grocery', spikes: 'exclude' },
			{ category: 'Electronics', channel: 'pos', from: '2024-01-01', to: '2024-01-05' }
		];
		const reports = (filters: KpiFilters) =>
			Promise.all([pageReport(sql, 'overview', filters), pageReport(sql, 'sales', filters)]);
		const before = await Promise.all(cases.map(reports));
		await sql.exec('ALTER TABLE gold_fact_sales RENAME TO gold_fact_sales_away');
		try {
			for (const [i, filters] of cases.entries()) {
				expect(await reports(filters), JSON.stringify(filters)).toEqual(before[i]);
			}
		} finally {
			await sql.exec('ALTER TABLE gold_fact_sales_away RENAME TO gold_fact_sales');
		}
	});
});
