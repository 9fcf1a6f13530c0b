import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	channelMix,
	revenueByAreas,
	revenueByCity,
	revenueTrend
} from '../../../src/lib/analytics/commercial';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import {
	addSplitAndReturnOrders,
	addUnmappedWebSales,
	createCommercialFixture
} from '../analytics/gold-fixture';

/**
 * Finding: the Overview's and the Sales page's revenue trend, channel mix and revenue by city, state and region
 * read every order part on each change of filters (398,308 rows at the bench's 1M lines; revenue by state and
 * region, which placed each part through the stores and customer versions first, was the slowest statement of
 * the bench's walk, 105–191 ms in the browser). Gold now sums the parts by day, channel, city, state, region
 * and spike flag (gold_agg_daily_orders, 23,415 rows at 1M; by category too, 161,003), the state and region
 * worked out once per run.
 *
 * The commercial fixture (gold-fixture.ts: O1 POS S1 Mumbai 1 Jan 140, O2 web Delhi 5 Jan 60, O3 web Mumbai
 * 6 Jan 90, O4 a spike at S2 Delhi 8 Jan 50, O5 S2 Delhi 10 Jan 200), its unmapped web sales (O6 Jaipur 30:
 * Rajasthan, no region; O7 Shimla 20: neither, both 9 Jan), and its split and return orders (O8 web in
 * Delhi on 2 Jan, 10 + 5 by two customer versions; O10 at S1 Mumbai on 3 Jan, a sale of 80 and a return of
 * −40).
 */
describe('sales charts read every order part', () => {
	let sql: DuckDBWasmEngine;
	const rows = async (query: string) => (await sql.query(query)).rows.map((row) => Object.values(row));

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
		await addSplitAndReturnOrders(sql);
		await addUnmappedWebSales(sql);
	});
	afterAll(() => sql?.close());

	it('sums the order parts by day and place, each placed in its state and region', async () => {
		expect(
			await rows(`SELECT date_key, channel, city, state, region, is_spike, split_order_key,
					net_amount::VARCHAR, whole_orders
				FROM gold_agg_daily_orders ORDER BY ALL`)
		).toEqual([
			[20240101, 'pos', 'Mumbai', 'Maharashtra', 'West', false, null, '140.00', 1],
			// O8's two parts (two customer versions): one row, its order counted by key.
			[20240102, 'web', 'Delhi', 'Delhi', 'North', false, 8, '15.00', 0],
			// O10's sale and return parts: one row, 80 − 40, one order.
			[20240103, 'pos', 'Mumbai', 'Maharashtra', 'West', false, null, '40.00', 1],
			[20240105, 'web', 'Delhi', 'Delhi', 'North', false, null, '60.00', 1],
			[20240106, 'web', 'Mumbai', 'Maharashtra', 'West', false, null, '90.00', 1],
			[20240108, 'pos', 'Delhi', 'Delhi', 'North', true, null, '50.00', 1],
			// Jaipur has no store: C4's state, whose stores (none) give no region; Shimla: C5 has no state.
			[20240109, 'web', 'Jaipur', 'Rajasthan', null, false, null, '30.00', 1],
			[20240109, 'web', 'Shimla', null, null, false, null, '20.00', 1],
			[20240110, 'pos', 'Delhi', 'Delhi', 'North', false, null, '200.00', 1]
		]);
		// By category: O1, O8 and O10 split in two (Electronics and Apparel; Apparel and Grocery), and within a
		// category O8 has one customer version, so it counts whole there.
		expect(
			await rows(`SELECT category, count(*)::INTEGER, sum(net_amount)::VARCHAR,
					sum(whole_orders)::INTEGER, count(DISTINCT split_order_key)::INTEGER
				FROM gold_agg_daily_category_orders GROUP BY ALL ORDER BY ALL`)
		).toEqual([
			// O1 40, O2 60, O6 30, O8 10 and O10's return −40, which counts no order.
			['Apparel', 5, '100.00', 4, 0],
			// O1 100, O3 90, O5 200, O10 80.
			['Electronics', 4, '470.00', 4, 0],
			// O4 50 (a spike), O7 20, O8 5.
			['Grocery', 3, '75.00', 3, 0]
		]);
	});

	it('gives what the lines give, under every filter', async () => {
		const cases: KpiFilters[] = [
			{},
			{ spikes: 'exclude' },
			{ city: 'Delhi' },
			{ channel: 'web', spikes: 'exclude' },
			{ category: 'Apparel' },
			{ category: 'Grocery', channel: 'web' },
			{ from: '2024-01-02', to: '2024-01-08', spikes: 'exclude' }
		];
		const sorted = (list: unknown[][]) =>
			[...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
		for (const filters of cases) {
			const where = [
				filters.spikes ? 'NOT f.is_spike' : 'TRUE',
				filters.city ? `f.city = '${filters.city}'` : 'TRUE',
				filters.channel ? `f.channel = '${filters.channel}'` : 'TRUE',
				filters.category
					? `f.product_sk IN (SELECT product_sk FROM gold_dim_product WHERE category = '${filters.category}')`
					: 'TRUE',
				filters.from
					? `f.date_key BETWEEN ${filters.from.replaceAll('-', '')} AND ${filters.to!.replaceAll('-', '')}`
					: 'TRUE'
			].join(' AND ');
			// Each line placed on its own: a POS line at its store; a web line at the stores of its city, else
			// at its customer version's state and that state's stores' region.
			const byLines = (group: string) =>
				rows(`WITH placed AS (
						SELECT f.*, strftime(CAST(strptime(CAST(f.date_key AS VARCHAR), '%Y%m%d') AS DATE), '%Y-%m-%d') AS day,
							CASE WHEN f.channel = 'pos' THEN s.state
								ELSE coalesce((SELECT min(state) FROM gold_dim_store WHERE city = f.city), c.state) END AS state
						FROM gold_fact_sales f
						LEFT JOIN gold_dim_store s ON s.store_sk = f.store_sk
						LEFT JOIN gold_dim_customer c ON c.customer_sk = f.customer_sk
						WHERE ${where}
					)
					SELECT ${group}, sum(net_amount)::DOUBLE, count(DISTINCT order_id) FILTER (WHERE NOT is_return)::INTEGER
					FROM placed GROUP BY ${group} ORDER BY ${group}`);
			const label = JSON.stringify(filters);
			const days = await revenueTrend(sql, filters, 'day');
			expect(
				days.map((d) => [d.period, d.revenue, d.orders]),
				label
			).toEqual(await byLines('day'));
			const cities = (await revenueByCity(sql, filters)).map((c) => [c.city, c.revenue, c.orders]);
			expect(sorted(cities), label).toEqual(sorted(await byLines('city')));
			const channels = (await channelMix(sql, filters)).map((c) => [c.channel, c.revenue, c.orders]);
			expect(channels, label).toEqual(await byLines('channel'));
			const { states } = await revenueByAreas(sql, filters);
			const byState = states.map((s) => [s.area, s.revenue, s.orders]);
			expect(sorted(byState), label).toEqual(sorted(await byLines('state')));
		}
	});

	it('answers without the order parts', async () => {
		const filters: KpiFilters[] = [{}, { category: 'Apparel', spikes: 'exclude' }, { city: 'Mumbai' }];
		const answers = (f: KpiFilters) =>
			Promise.all([
				revenueTrend(sql, f, 'month'),
				channelMix(sql, f),
				revenueByCity(sql, f),
				revenueByAreas(sql, f)
			]);
		const before = await Promise.all(filters.map(answers));
		await sql.exec(`ALTER TABLE gold_fact_orders RENAME TO gold_fact_orders_away;
			ALTER TABLE gold_fact_order_categories RENAME TO gold_fact_order_categories_away;`);
		try {
			for (const [i, f] of filters.entries()) expect(await answers(f), JSON.stringify(f)).toEqual(before[i]);
		} finally {
			await sql.exec(`ALTER TABLE gold_fact_orders_away RENAME TO gold_fact_orders;
				ALTER TABLE gold_fact_order_categories_away RENAME TO gold_fact_order_categories;`);
		}
	});
});
