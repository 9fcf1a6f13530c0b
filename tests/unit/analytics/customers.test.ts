import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifetimeValue, newVsReturning, repeatRate, rfm } from '../../../src/lib/analytics/customers';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { createCustomerFixture } from './customer-fixture';

// Expected values worked out by hand from the fixture's orders (see customer-fixture.ts).
describe('customer KPIs on a hand-made Gold fixture', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCustomerFixture(sql);
	});
	afterAll(() => sql?.close());

	it('new vs returning per month: new in the month of the first order ever', async () => {
		expect(await newVsReturning(sql, {})).toEqual([
			{ month: '2024-01', newCustomers: 2, returningCustomers: 0 },
			{ month: '2024-02', newCustomers: 1, returningCustomers: 0 },
			{ month: '2024-03', newCustomers: 1, returningCustomers: 1 },
			{ month: '2024-05', newCustomers: 0, returningCustomers: 1 },
			{ month: '2024-06', newCustomers: 1, returningCustomers: 2 }
		]);
		// C1's first order (January, POS) lies outside the filters: in June on the web C1 still returns.
		expect(await newVsReturning(sql, { from: '2024-06-01', channel: 'web' })).toEqual([
			{ month: '2024-06', newCustomers: 0, returningCustomers: 1 }
		]);
	});

	it('repeat rate = customers with two or more orders ÷ customers, UNKNOWN left out', async () => {
		expect(await repeatRate(sql, {})).toEqual({ customers: 5, repeatCustomers: 3, rate: 0.6 });
		expect(await repeatRate(sql, { city: 'Nowhere' })).toEqual({
			customers: 0,
			repeatCustomers: 0,
			rate: null
		});
	});

	it('CLV per natural customer with tiers at p50 / p75 / p90 of revenue', async () => {
		expect(await lifetimeValue(sql, {})).toEqual({
			thresholds: { p50: 250, p75: 300, p90: 360 },
			customers: [
				{ customerId: 'C2', orders: 1, revenue: 400, margin: 200, tier: 'Platinum' },
				{ customerId: 'C1', orders: 3, revenue: 300, margin: 150, tier: 'Gold' },
				{ customerId: 'C5', orders: 4, revenue: 250, margin: 125, tier: 'Silver' },
				{ customerId: 'C3', orders: 2, revenue: 50, margin: 25, tier: 'Bronze' },
				{ customerId: 'C4', orders: 1, revenue: 10, margin: 5, tier: 'Bronze' }
			]
		});
	});

	it("CLV keeps a mover's history from before the move: date and city filters do not cut it", async () => {
		expect(await lifetimeValue(sql, { from: '2024-06-01', city: 'Delhi' })).toEqual(
			await lifetimeValue(sql, {})
		);
		const pos = await lifetimeValue(sql, { channel: 'pos' });
		expect(pos.customers.find((c) => c.customerId === 'C1')).toMatchObject({ orders: 2, revenue: 150 });
		expect(await lifetimeValue(sql, { city: 'x', channel: 'web', category: 'Toys' })).toEqual({
			thresholds: null,
			customers: []
		});
	});

	it('RFM as of the last sales day: recency days, quintile scores and segments', async () => {
		expect(await rfm(sql, {})).toEqual([
			{
				customerId: 'C1',
				recencyDays: 0,
				frequency: 3,
				monetary: 300,
				r: 5,
				f: 4,
				m: 4,
				segment: 'Champions'
			},
			{
				customerId: 'C2',
				recencyDays: 150,
				frequency: 1,
				monetary: 400,
				r: 2,
				f: 1,
				m: 5,
				segment: 'Others'
			},
			{
				customerId: 'C3',
				recencyDays: 162,
				frequency: 2,
				monetary: 50,
				r: 1,
				f: 3,
				m: 2,
				segment: 'At Risk'
			},
			{
				customerId: 'C4',
				recencyDays: 29,
				frequency: 1,
				monetary: 10,
				r: 3,
				f: 2,
				m: 1,
				segment: 'Potential Loyalist'
			},
			{
				customerId: 'C5',
				recencyDays: 10,
				frequency: 4,
				monetary: 250,
				r: 4,
				f: 5,
				m: 3,
				segment: 'Loyal Customers'
			}
		]);
	});

	it('RFM recency counts from the last day in all of Gold, whatever the filters', async () => {
		const pos = await rfm(sql, { channel: 'pos' });
		// C1's last POS order is 2024-03-05, 117 days before 2024-06-30 (the web order O3).
		expect(pos.find((c) => c.customerId === 'C1')).toMatchObject({ recencyDays: 117, frequency: 2 });
	});
});

// Repeat rate and CLV filtered equal the same KPI on a fixture filtered beforehand by hand-written SQL.
describe('customer KPI filters', () => {
	let full: DuckDBWasmEngine;
	let pre: DuckDBWasmEngine;
	beforeAll(async () => {
		[full, pre] = await Promise.all([openDuckDBWasmNode(), openDuckDBWasmNode()]);
		await createCustomerFixture(full);
	});
	afterAll(async () => {
		await full?.close();
		await pre?.close();
	});

	const cases: { filters: KpiFilters; facts: string; history: string }[] = [
		{
			filters: { from: '2024-03-01', to: '2024-06-15' },
			facts: 'date_key BETWEEN 20240301 AND 20240615',
			history: 'TRUE'
		},
		{
			filters: { city: 'Delhi', channel: 'pos' },
			facts: `city = 'Delhi' AND channel = 'pos'`,
			history: `channel = 'pos'`
		},
		{ filters: { category: 'Apparel' }, facts: 'product_sk = 2', history: 'product_sk = 2' }
	];

	it.each(cases)('$filters', async ({ filters, facts, history }) => {
		await createCustomerFixture(pre);
		await pre.exec(`DELETE FROM gold_fact_sales WHERE NOT (${facts})`);
		expect(await repeatRate(full, filters)).toEqual(await repeatRate(pre, {}));
		await createCustomerFixture(pre);
		await pre.exec(`DELETE FROM gold_fact_sales WHERE NOT (${history})`);
		expect(await lifetimeValue(full, filters)).toEqual(await lifetimeValue(pre, {}));
	});
});
