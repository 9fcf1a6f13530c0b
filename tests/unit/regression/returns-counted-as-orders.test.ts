import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { DashboardReports } from '../../../src/lib/analytics/reports';
import { setCurrency } from '../../../src/lib/format/number';
import { publishedFile } from '../helpers/published-file';
import { openNativeConnection } from '../helpers/native-duckdb';

const UCI = join(import.meta.dirname, '../../fixtures/import/uci/online_retail_II.csv');

async function cli(...args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
	return { code, out: out.join('\n'), err: err.join('\n') };
}

async function report<P extends keyof DashboardReports>(dir: string, page: P, grain = 'month') {
	const { code, out, err } = await cli('report', '--lake', dir, '--page', page, '--grain', grain, '--json');
	expect(code, err).toBe(0);
	return (JSON.parse(out) as { pages: Pick<DashboardReports, P> }).pages[page];
}

/**
 * Finding: the KPI cards left return invoices out of the orders, but Gold's daily aggregate, the revenue
 * trend, the channel mix, the cities, the customers' order counts and the basket still counted a return
 * invoice as an order. On the UCI fixture (kept lines worked out in tests/unit/import/cli-import-built-in.test.ts):
 * the sale invoices are 489434, 489435, 489436, 489437, 489438, 489450, 489454 → 7 orders; the return
 * invoices C489449 (15 Dec) and C489451 (16 Dec) made it 9 everywhere but the cards. Every sale invoice's
 * lines share one day, one country (store and city) and one channel, so each one is in exactly one trend
 * day, one city and one aggregate row: summed over days, cities or aggregate rows the orders are 7 again.
 */
describe('returns counted as orders', () => {
	let dir: string;
	let native: DuckDBConnection;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'returns-not-orders-'));
		native = await openNativeConnection();
		expect((await cli('import', '--lake', dir, UCI)).code).toBe(0);
		const pipeline = await cli('pipeline', '--lake', dir, '--threads', '1');
		expect(pipeline.code, pipeline.err).toBe(0);
	}, 120_000);
	afterAll(async () => {
		setCurrency('INR');
		native?.closeSync();
		await rm(dir, { recursive: true, force: true });
	});

	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

	it('the trend, by day, week and month, counts the orders the cards count', async () => {
		const byDay = await report(dir, 'overview', 'day');
		expect(byDay.cards.current.orders).toBe(7);
		// Sale invoices by day: 1 Dec 489434, 489435, 489436 (3); 10 Dec 489450; 13 Dec 489437; 14 Dec 489438;
		// 17 Dec 489454 (1 each). 15 and 16 Dec hold only returns (and 16 Dec's quarantined 489452): no orders.
		expect(byDay.trend.map((p) => [p.period, p.orders])).toEqual([
			['2009-12-01', 3],
			['2009-12-10', 1],
			['2009-12-13', 1],
			['2009-12-14', 1],
			['2009-12-15', 0],
			['2009-12-16', 0],
			['2009-12-17', 1]
		]);
		expect(sum(byDay.trend.map((p) => p.orders))).toBe(byDay.cards.current.orders);
		const byMonth = await report(dir, 'overview', 'month');
		expect(byMonth.trend).toEqual([{ period: '2009-12-01', revenue: 343.29, orders: 7 }]);
		const byWeek = await report(dir, 'overview', 'week');
		expect(sum(byWeek.trend.map((p) => p.orders))).toBe(7);
		// Channels: all POS. Cities: United Kingdom 489434, 489435, 489436, 489438, 489454 (5); France 489437;
		// Australia 489450 (C489449 left out).
		expect(byMonth.channels.map((c) => [c.channel, c.orders])).toEqual([['pos', 7]]);
		expect(Object.fromEntries(byMonth.cities.map((c) => [c.city, c.orders]))).toEqual({
			'United Kingdom': 5,
			France: 1,
			Australia: 1
		});
	}, 120_000);

	it('Gold’s daily aggregate counts no return invoice as an order', async () => {
		const agg = await publishedFile(dir, 'gold/agg_daily_sales');
		const rows = (
			await native.runAndReadAll(
				`SELECT date_key, CAST(sum(orders) AS INTEGER) AS orders FROM read_parquet('${agg}')
				 GROUP BY date_key ORDER BY date_key`
			)
		).getRowObjectsJson();
		expect(rows.map((r) => [r.date_key, r.orders])).toEqual([
			[20091201, 3],
			[20091210, 1],
			[20091213, 1],
			[20091214, 1],
			[20091215, 0],
			[20091216, 0],
			[20091217, 1]
		]);
	});

	it('the UCI data’s products have no category and no cost: no margin, no category named "null"', async () => {
		// No products master and no inventory: every product is derived from the sales lines, which carry no
		// category and no unit cost. So one category, null, with all the revenue (343.29) and units (101),
		// and no gross margin (a cost of 0 would read 100 %).
		const sales = await report(dir, 'sales');
		expect(sales.categories).toEqual([{ category: null, revenue: 343.29, units: 101, grossMarginPct: null }]);
		expect(sales.cards.current.grossMarginPct).toBeNull();
		expect(new Set(sales.topByRevenue.map((p) => p.category))).toEqual(new Set([null]));
	});

	it('customers’ orders leave the returns out: 16321’s only order is 489450', async () => {
		const customers = await report(dir, 'customers');
		// Orders per customer: 13085 489434, 489435 (C489451 is a return); 13078 489436, 489454; 15362 489437;
		// 16321 489450 (C489449 is a return) → two repeat customers of four (three when returns counted).
		expect(customers.repeat).toEqual({ customers: 4, repeatCustomers: 2, rate: 0.5 });
	});
});
