import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	categorySales,
	channelMix,
	festivalUplift,
	kpiCards,
	revenueByCity,
	revenueTrend,
	topProducts
} from '../../../src/lib/analytics/commercial';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { createCommercialFixture } from './gold-fixture';

// Expected values worked out by hand from the fixture's six lines (see gold-fixture.ts).
describe('commercial KPIs on a hand-made Gold fixture', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
	});
	afterAll(() => sql?.close());

	it('KPI cards: orders are distinct orders, AOV = revenue ÷ orders, UNKNOWN is no customer', async () => {
		expect(await kpiCards(sql, {})).toEqual({
			current: {
				revenue: 540,
				orders: 5,
				customers: 3,
				aov: 108,
				units: 19,
				unitsPerOrder: 3.8,
				grossMarginPct: 40.74
			},
			previous: null
		});
	});

	it('KPI cards compare with the previous equal period', async () => {
		expect(await kpiCards(sql, { from: '2024-01-06', to: '2024-01-10' })).toEqual({
			current: {
				revenue: 340,
				orders: 3,
				customers: 2,
				aov: 113.33,
				units: 13,
				unitsPerOrder: 4.33,
				grossMarginPct: 35.29
			},
			previous: {
				revenue: 200,
				orders: 2,
				customers: 2,
				aov: 100,
				units: 6,
				unitsPerOrder: 3,
				grossMarginPct: 50
			}
		});
	});

	it('KPI cards of an empty selection have no ratios', async () => {
		const { current } = await kpiCards(sql, { city: 'Nowhere' });
		expect(current).toEqual({
			revenue: 0,
			orders: 0,
			customers: 0,
			aov: null,
			units: 0,
			unitsPerOrder: null,
			grossMarginPct: null
		});
	});

	it('revenue trend by day, ISO week and month', async () => {
		expect(await revenueTrend(sql, {}, 'week')).toEqual([
			{ period: '2024-01-01', revenue: 290 },
			{ period: '2024-01-08', revenue: 250 }
		]);
		expect(await revenueTrend(sql, {}, 'month')).toEqual([{ period: '2024-01-01', revenue: 540 }]);
		expect((await revenueTrend(sql, {}, 'day')).map((p) => p.revenue)).toEqual([140, 60, 90, 50, 200]);
	});

	it('channel mix and revenue by city, both channels per city', async () => {
		const mix = await channelMix(sql, {});
		expect(mix.map(({ channel, revenue, orders }) => ({ channel, revenue, orders }))).toEqual([
			{ channel: 'pos', revenue: 390, orders: 3 },
			{ channel: 'web', revenue: 150, orders: 2 }
		]);
		expect(mix[0].share).toBeCloseTo(390 / 540, 10);
		expect(mix[1].share).toBeCloseTo(150 / 540, 10);
		expect(await revenueByCity(sql, {})).toEqual([
			{ city: 'Delhi', revenue: 310, posRevenue: 250, webRevenue: 60, orders: 3 },
			{ city: 'Mumbai', revenue: 230, posRevenue: 140, webRevenue: 90, orders: 2 }
		]);
	});

	it('top products by revenue and, separately, by units', async () => {
		expect((await topProducts(sql, {}, 'revenue')).map((p) => [p.productId, p.revenue])).toEqual([
			['P1', 390],
			['P2', 100],
			['P3', 50]
		]);
		expect((await topProducts(sql, {}, 'units')).map((p) => [p.productId, p.units])).toEqual([
			['P3', 10],
			['P2', 5],
			['P1', 4]
		]);
	});

	it('category revenue, units and gross margin %', async () => {
		expect(await categorySales(sql, {})).toEqual([
			{ category: 'Electronics', revenue: 390, units: 4, grossMarginPct: 38.46 },
			{ category: 'Apparel', revenue: 100, units: 5, grossMarginPct: 60 },
			{ category: 'Grocery', revenue: 50, units: 10, grossMarginPct: 20 }
		]);
	});

	it('festival uplift over calendar days, days without sales counting as 0', async () => {
		const result = await festivalUplift(sql, {});
		expect(result).toMatchObject({ festivalDays: 2, otherDays: 8, festivalAvg: 75, otherAvg: 48.75 });
		expect(result.uplift).toBeCloseTo(75 / 48.75 - 1, 10);
		const withoutFestival = await festivalUplift(sql, { from: '2024-01-07' });
		expect(withoutFestival).toMatchObject({ festivalDays: 0, festivalAvg: null, uplift: null });
	});
});

// Each KPI filtered equals the unfiltered KPI on a fixture filtered beforehand, by hand-written SQL.
describe('commercial KPI filters', () => {
	let full: DuckDBWasmEngine;
	let pre: DuckDBWasmEngine;
	beforeAll(async () => {
		[full, pre] = await Promise.all([openDuckDBWasmNode(), openDuckDBWasmNode()]);
		await createCommercialFixture(full);
	});
	afterAll(async () => {
		await full?.close();
		await pre?.close();
	});

	const cases: { filters: KpiFilters; facts: string; days: string }[] = [
		{
			filters: { from: '2024-01-02', to: '2024-01-09' },
			facts: 'date_key BETWEEN 20240102 AND 20240109',
			days: 'date_key BETWEEN 20240102 AND 20240109'
		},
		{ filters: { city: 'Delhi' }, facts: `city = 'Delhi'`, days: 'TRUE' },
		{
			filters: { channel: 'pos', category: 'Electronics' },
			facts: `channel = 'pos' AND product_sk = 1`,
			days: 'TRUE'
		},
		{
			filters: { from: '2024-01-05', city: 'Mumbai', channel: 'web' },
			facts: `date_key >= 20240105 AND city = 'Mumbai' AND channel = 'web'`,
			days: 'date_key >= 20240105'
		}
	];

	it.each(cases)('$filters', async ({ filters, facts, days }) => {
		await createCommercialFixture(pre);
		await pre.exec(
			`DELETE FROM gold_fact_sales WHERE NOT (${facts}); DELETE FROM gold_dim_date WHERE NOT (${days})`
		);
		const all = async (sql: DuckDBWasmEngine, f: KpiFilters) => [
			(await kpiCards(sql, f)).current,
			await revenueTrend(sql, f, 'day'),
			await channelMix(sql, f),
			await revenueByCity(sql, f),
			await topProducts(sql, f, 'revenue'),
			await topProducts(sql, f, 'units'),
			await categorySales(sql, f),
			await festivalUplift(sql, f)
		];
		expect(await all(full, filters)).toEqual(await all(pre, {}));
	});
});
