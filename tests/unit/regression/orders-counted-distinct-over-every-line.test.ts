import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	channelMix,
	kpiCards,
	revenueByAreas,
	revenueByCity,
	revenueTrend
} from '../../../src/lib/analytics/commercial';
import { repeatRate } from '../../../src/lib/analytics/customers';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { addSplitAndReturnOrders, createCommercialFixture } from '../analytics/gold-fixture';
import { buildSalesAggregates } from '../analytics/sales-aggregates';
import { keepingDerivedTables } from '../helpers/keeping-derived-tables';

/**
 * Finding: every order count of the Overview and Sales pages, and the Customers page's repeat rate, was a
 * distinct count over all the sales lines (1M at the bench's scale, 4–5 such queries per page). Gold now keeps the orders' parts (gold_fact_orders),
 * and a page counts the parts that stand for their order once. The orders that make this hard, added to the
 * commercial fixture (gold-fixture.ts: O1…O5, O4 a spike by UNKNOWN in Delhi):
 * - O8, web in Delhi on 2 Jan: one line by C2 (10), one by UNKNOWN (5): two customer versions, so its parts
 *   are counted by distinct order_key (order_once NULL);
 * - O9, POS at S1 (Mumbai) on 3 Jan: a flagged spike line (30) and an ordinary one (100);
 * - O10, POS at S1 (Mumbai) on 3 Jan: a sale line (80) and a return line (−40);
 * - O11, POS at S2 (Delhi) on 4 Jan: one flagged spike line (75), nothing else.
 */
describe('orders counted distinct over every line', () => {
	let sql: DuckDBWasmEngine;
	const rows = async (query: string) => (await sql.query(query)).rows.map((row) => Object.values(row));

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
		await addSplitAndReturnOrders(sql);
		await sql.exec(`
			INSERT INTO gold_fact_sales VALUES
				('O9', 1, 20240103, 3, 1, 1, 'C1', 'pos', 'Mumbai', 12, 30, 48, true, false, 9),
				('O9', 2, 20240103, 1, 1, 1, 'C1', 'pos', 'Mumbai', 1, 100, 60, false, false, 9),
				('O11', 1, 20240104, 3, 2, 3, 'C3', 'pos', 'Delhi', 15, 75, 60, true, false, 11);
		`);
		await buildSalesAggregates(sql);
	});
	afterAll(() => sql?.close());

	it('keeps one part per order, day, place, customer version and flags, one of them standing for the order', async () => {
		expect(
			await rows(`SELECT order_key, customer_sk, is_spike, is_return, lines, units, net_amount::VARCHAR, order_once
				FROM gold_fact_orders WHERE order_key IN (1, 4, 8, 9, 10, 11) ORDER BY order_key, customer_sk, is_spike, is_return`)
		).toEqual([
			[1, 1, false, false, 2, 3, '140.00', true],
			[4, 6, true, false, 1, 10, '50.00', true],
			[8, 2, false, false, 1, 1, '10.00', null],
			[8, 6, false, false, 1, 1, '5.00', null],
			[9, 1, false, false, 1, 1, '100.00', true],
			[9, 1, true, false, 1, 12, '30.00', false],
			[10, 1, false, false, 1, 2, '80.00', true],
			[10, 1, false, true, 1, -1, '-40.00', false],
			[11, 3, true, false, 1, 15, '75.00', true]
		]);
	});

	it('counts each order once on the cards, spikes left out or kept', async () => {
		// Left out: O1, O2, O3, O5, O8, O9, O10 (O4 and O11 have spike lines only); kept: all nine.
		// Revenue left out: 540 − 50 (O4) + 15 + 100 + 80 − 40 = 645; returns 40.
		const out = (await kpiCards(sql, { spikes: 'exclude' })).current;
		expect([out.orders, out.revenue, out.returns]).toEqual([7, 645, 40]);
		const kept = (await kpiCards(sql, {})).current;
		expect([kept.orders, kept.revenue]).toEqual([9, 645 + 50 + 30 + 75]);
	});

	it('counts each order once per city, channel, day and state', async () => {
		const filters: KpiFilters = { spikes: 'exclude' };
		// Mumbai: O1, O3, O9, O10; Delhi: O2, O5, O8 (both its parts in Delhi).
		expect((await revenueByCity(sql, filters)).map(({ city, orders }) => [city, orders])).toEqual([
			['Mumbai', 4],
			['Delhi', 3]
		]);
		// POS: O1, O5, O9, O10; web: O2, O3, O8.
		expect((await channelMix(sql, filters)).map(({ channel, orders }) => [channel, orders])).toEqual([
			['pos', 4],
			['web', 3]
		]);
		const days = await revenueTrend(sql, filters, 'day');
		expect(days.map(({ period, orders }) => [period, orders])).toEqual([
			['2024-01-01', 1],
			['2024-01-02', 1],
			['2024-01-03', 2],
			['2024-01-05', 1],
			['2024-01-06', 1],
			['2024-01-10', 1]
		]);
		// Maharashtra (West): Mumbai's four; Delhi (North): Delhi's three.
		const { states } = await revenueByAreas(sql, filters);
		expect(states.map(({ area, orders }) => [area, orders])).toEqual([
			['Maharashtra', 4],
			['Delhi', 3]
		]);
	});

	it('counts each order once per customer', async () => {
		// Read from the parts, and from the parts added up over every day as the dashboards' engine does.
		for (const engine of [sql, keepingDerivedTables(sql)]) {
			// Left out: C1 O1, O3, O9, O10; C2 O2 and O8's C2 part; C3 O5 (O11 a spike); UNKNOWN not a customer.
			expect(await repeatRate(engine, { spikes: 'exclude' })).toEqual({
				customers: 3,
				repeatCustomers: 2,
				rate: 2 / 3
			});
			// Kept: C3 has O11 too.
			expect(await repeatRate(engine, {})).toEqual({ customers: 3, repeatCustomers: 3, rate: 1 });
		}
	});

	it('gives what a distinct count over the lines gives, under every filter', async () => {
		const cases: KpiFilters[] = [
			{},
			{ spikes: 'exclude' },
			{ city: 'Mumbai', spikes: 'exclude' },
			{ channel: 'web' },
			{ category: 'Electronics', spikes: 'exclude' },
			{ category: 'Grocery' },
			{ from: '2024-01-02', to: '2024-01-04' }
		];
		// As the dashboards' engine runs them too, where derived tables are kept.
		const asked: string[] = [];
		const keeping = keepingDerivedTables(sql, asked);
		for (const [filters, engine] of cases.flatMap(
			(filters) =>
				[
					[filters, sql],
					[filters, keeping]
				] as const
		)) {
			const where = [
				filters.spikes ? 'NOT is_spike' : 'TRUE',
				filters.city ? `city = '${filters.city}'` : 'TRUE',
				filters.channel ? `channel = '${filters.channel}'` : 'TRUE',
				filters.category
					? `product_sk IN (SELECT product_sk FROM gold_dim_product WHERE category = '${filters.category}')`
					: 'TRUE',
				filters.from
					? `date_key BETWEEN ${filters.from.replaceAll('-', '')} AND ${filters.to!.replaceAll('-', '')}`
					: 'TRUE'
			].join(' AND ');
			const byLines = (group: string) =>
				rows(`SELECT ${group}, count(DISTINCT order_id) FILTER (WHERE NOT is_return)::INTEGER
					FROM gold_fact_sales WHERE ${where} GROUP BY ${group} ORDER BY ${group}`);
			const [[all]] = await rows(
				`SELECT count(DISTINCT order_id) FILTER (WHERE NOT is_return)::INTEGER FROM gold_fact_sales WHERE ${where}`
			);
			expect(
				(await kpiCards(engine, filters)).current.orders,
				`${JSON.stringify(filters)} ${engine === sql ? 'inline' : 'derived'}`
			).toBe(all);
			const cities = (await revenueByCity(engine, filters)).map(({ city, orders }) => [city, orders]);
			expect(cities.sort(), `${JSON.stringify(filters)} ${engine === sql ? 'inline' : 'derived'}`).toEqual(
				await byLines('city')
			);
			const channels = (await channelMix(engine, filters)).map(({ channel, orders }) => [channel, orders]);
			expect(channels, `${JSON.stringify(filters)} ${engine === sql ? 'inline' : 'derived'}`).toEqual(
				await byLines('channel')
			);
		}
		// Under a category the parts are read from gold_fact_order_categories: nothing is taken out of the lines.
		// With no date range the cards read the parts Gold added up over every day: no derived table is made.
		expect(asked).toEqual([]);
		expect(asked.filter((select) => select.includes('gold_fact_sales'))).toEqual([]);
	});
});
