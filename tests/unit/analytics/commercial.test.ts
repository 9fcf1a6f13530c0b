import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	categorySales,
	channelMix,
	festivalCalendar,
	festivalUplift,
	kpiCards,
	overviewReport,
	revenueByCity,
	revenueByAreas,
	revenueTrend,
	salesReport,
	productRankings
} from '../../../src/lib/analytics/commercial';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import { spikeSummary } from '../../../src/lib/analytics/spikes';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { buildSalesAggregates } from './sales-aggregates';
import { addUnmappedWebSales, createCommercialFixture } from './gold-fixture';
import { keepingDerivedTables } from '../helpers/keeping-derived-tables';
import { namedByFilters } from '../helpers/named-by-filters';

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
				grossMarginPct: 40.74,
				returns: 0
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
				grossMarginPct: 35.29,
				returns: 0
			},
			previous: {
				revenue: 200,
				orders: 2,
				customers: 2,
				aov: 100,
				units: 6,
				unitsPerOrder: 3,
				grossMarginPct: 50,
				returns: 0
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
			grossMarginPct: null,
			returns: 0
		});
	});

	it('revenue and distinct orders trend by day, ISO week and month', async () => {
		// Week of the 1st: O1 140 + O2 60 + O3 90 = 290 in 3 orders; week of the 8th: O4 50 + O5 200.
		expect(await revenueTrend(sql, {}, 'week')).toEqual([
			{ period: '2024-01-01', revenue: 290, orders: 3 },
			{ period: '2024-01-08', revenue: 250, orders: 2 }
		]);
		expect(await revenueTrend(sql, {}, 'month')).toEqual([{ period: '2024-01-01', revenue: 540, orders: 5 }]);
		const days = await revenueTrend(sql, {}, 'day');
		expect(days.map((p) => p.revenue)).toEqual([140, 60, 90, 50, 200]);
		// O1's two lines are one order.
		expect(days.map((p) => p.orders)).toEqual([1, 1, 1, 1, 1]);
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
		expect((await productRankings(sql, {})).byRevenue.map((p) => [p.productId, p.revenue])).toEqual([
			['P1', 390],
			['P2', 100],
			['P3', 50]
		]);
		expect((await productRankings(sql, {})).byUnits.map((p) => [p.productId, p.units])).toEqual([
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

	it("festival calendar: the range's festival days from dim_date with their revenue", async () => {
		// The 5th: O2 60; the 6th: O3 90.
		expect(await festivalCalendar(sql, {})).toEqual([
			{ date: '2024-01-05', name: 'Lohri', revenue: 60 },
			{ date: '2024-01-06', name: 'Pongal', revenue: 90 }
		]);
		// Both are web sales: with POS only the days stay, at 0; from the 6th the 5th is gone.
		expect((await festivalCalendar(sql, { channel: 'pos' })).map((d) => d.revenue)).toEqual([0, 0]);
		expect(await festivalCalendar(sql, { from: '2024-01-06' })).toEqual([
			{ date: '2024-01-06', name: 'Pongal', revenue: 90 }
		]);
	});

	it('revenue by state and region: POS by store, web by the stores of the customer city', async () => {
		// POS: O1 at S1 Mumbai 140 (Maharashtra, West); O4 50 + O5 200 at S2 Delhi (Delhi, North).
		// Web: O2 Delhi 60 → Delhi's store: Delhi, North; O3 Mumbai 90 → Maharashtra, West.
		expect((await revenueByAreas(sql, {})).states).toEqual([
			{ area: 'Delhi', revenue: 310, posRevenue: 250, webRevenue: 60, orders: 3 },
			{ area: 'Maharashtra', revenue: 230, posRevenue: 140, webRevenue: 90, orders: 2 }
		]);
		expect((await revenueByAreas(sql, {})).regions).toEqual([
			{ area: 'North', revenue: 310, posRevenue: 250, webRevenue: 60, orders: 3 },
			{ area: 'West', revenue: 230, posRevenue: 140, webRevenue: 90, orders: 2 }
		]);
	});

	it('overview and sales reports gather the KPIs, serialisable, top 10 cities', async () => {
		const overview = await overviewReport(sql, {}, { grain: 'week' });
		expect(overview).toEqual({
			cards: await kpiCards(sql, {}),
			trend: await revenueTrend(sql, {}, 'week'),
			channels: await channelMix(sql, {}),
			cities: await revenueByCity(sql, {})
		});
		expect(structuredClone(overview)).toEqual(overview);
		const sales = await salesReport(sql, { channel: 'web' }, { grain: 'day' });
		expect(sales).toEqual({
			cards: await kpiCards(sql, { channel: 'web' }),
			trend: await revenueTrend(sql, { channel: 'web' }, 'day'),
			cities: await revenueByCity(sql, { channel: 'web' }),
			states: (await revenueByAreas(sql, { channel: 'web' })).states,
			regions: (await revenueByAreas(sql, { channel: 'web' })).regions,
			topByRevenue: (await productRankings(sql, { channel: 'web' })).byRevenue,
			topByUnits: (await productRankings(sql, { channel: 'web' })).byUnits,
			categories: await categorySales(sql, { channel: 'web' }),
			channels: await channelMix(sql, { channel: 'web' }),
			festival: await festivalUplift(sql, { channel: 'web' }),
			festivalCalendar: await festivalCalendar(sql, { channel: 'web' })
		});
		expect(JSON.parse(JSON.stringify(sales))).toEqual(sales);
	});
});

describe('revenue by state and region of web cities without a store', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
		await addUnmappedWebSales(sql);
	});
	afterAll(() => sql?.close());

	it("falls back to the customer version's state, and that state's stores' region; else null, last", async () => {
		// O6 Jaipur 30: no store in Jaipur, C4's version says Rajasthan; no store in Rajasthan → no region.
		// O7 Shimla 20: no store, C5's version has no state → neither.
		expect((await revenueByAreas(sql, {})).states).toEqual([
			{ area: 'Delhi', revenue: 310, posRevenue: 250, webRevenue: 60, orders: 3 },
			{ area: 'Maharashtra', revenue: 230, posRevenue: 140, webRevenue: 90, orders: 2 },
			{ area: 'Rajasthan', revenue: 30, posRevenue: 0, webRevenue: 30, orders: 1 },
			{ area: null, revenue: 20, posRevenue: 0, webRevenue: 20, orders: 1 }
		]);
		expect((await revenueByAreas(sql, {})).regions).toEqual([
			{ area: 'North', revenue: 310, posRevenue: 250, webRevenue: 60, orders: 3 },
			{ area: 'West', revenue: 230, posRevenue: 140, webRevenue: 90, orders: 2 },
			{ area: null, revenue: 50, posRevenue: 0, webRevenue: 50, orders: 2 }
		]);
	});

	it('a web customer in a storeless city of a state with stores takes that region', async () => {
		// Move C5 to Nashik (no store) in Maharashtra (stores S1, S3: West): O7's 20 joins Maharashtra, West.
		await sql.exec(`UPDATE gold_dim_customer SET state = 'Maharashtra' WHERE customer_id = 'C5'`);
		await sql.exec(`UPDATE gold_fact_sales SET city = 'Nashik' WHERE order_id = 'O7'`);
		await buildSalesAggregates(sql);
		const states = (await revenueByAreas(sql, {})).states;
		expect(states.find((s) => s.area === 'Maharashtra')).toMatchObject({ revenue: 250, webRevenue: 110 });
		const regions = (await revenueByAreas(sql, {})).regions;
		expect(regions.find((r) => r.area === 'West')).toMatchObject({ revenue: 250, orders: 3 });
		expect(regions.find((r) => r.area === null)).toMatchObject({ revenue: 30, orders: 1 });
	});
});

// Each KPI filtered equals the unfiltered KPI on a fixture filtered beforehand, by hand-written SQL.
describe('commercial KPI filters', () => {
	let full: DuckDBWasmEngine;
	let pre: DuckDBWasmEngine;
	beforeAll(async () => {
		[full, pre] = await Promise.all([openDuckDBWasmNode(), openDuckDBWasmNode()]);
		await createCommercialFixture(full);
		await addUnmappedWebSales(full);
	});
	afterAll(async () => {
		await full?.close();
		await pre?.close();
	});

	it('counts the flagged spikes the other filters select, whatever the spike switch: O4 (10 units, ₹50)', async () => {
		await createCommercialFixture(pre);
		// Also as the dashboards' engine runs it, reading the daily sums' totals when no date range is set.
		for (const sql of [pre, keepingDerivedTables(pre)]) {
			expect(await spikeSummary(sql, {})).toEqual({ lines: 1, revenue: 50 });
			expect(await spikeSummary(sql, { spikes: 'exclude', city: 'Delhi' })).toEqual({
				lines: 1,
				revenue: 50
			});
			expect(await spikeSummary(sql, { city: 'Mumbai' })).toEqual({ lines: 0, revenue: 0 });
			expect(await spikeSummary(sql, { from: '2024-01-09' })).toEqual({ lines: 0, revenue: 0 });
		}
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
			filters: { spikes: 'exclude', channel: 'pos' },
			facts: `NOT is_spike AND channel = 'pos'`,
			days: 'TRUE'
		},
		{
			filters: { from: '2024-01-05', city: 'Mumbai', channel: 'web' },
			facts: `date_key >= 20240105 AND city = 'Mumbai' AND channel = 'web'`,
			days: 'date_key >= 20240105'
		}
	];

	it.each(namedByFilters(cases))('filters $name', async ({ filters, facts, days }) => {
		await createCommercialFixture(pre);
		await addUnmappedWebSales(pre);
		await pre.exec(
			`DELETE FROM gold_fact_sales WHERE NOT (${facts}); DELETE FROM gold_dim_date WHERE NOT (${days})`
		);
		await buildSalesAggregates(pre);
		const all = async (sql: SqlEngine, f: KpiFilters) => [
			(await kpiCards(sql, f)).current,
			await revenueTrend(sql, f, 'day'),
			await channelMix(sql, f),
			await revenueByCity(sql, f),
			(await productRankings(sql, f)).byRevenue,
			(await productRankings(sql, f)).byUnits,
			await categorySales(sql, f),
			await festivalUplift(sql, f),
			(await revenueByAreas(sql, f)).states,
			(await revenueByAreas(sql, f)).regions,
			await festivalCalendar(sql, f)
		];
		const expected = await all(pre, {});
		expect(await all(full, filters)).toEqual(expected);
		// As the dashboards' engine runs it: with no date range the daily sums' totals over every day (derived
		// tables) stand in for them, and must answer the same.
		const derived: string[] = [];
		expect(await all(keepingDerivedTables(full, derived), filters)).toEqual(expected);
		const everyDay = filters.from === undefined && filters.to === undefined;
		for (const daily of ['gold_agg_product_sales', 'gold_agg_daily_sales']) {
			expect(derived.some((select) => select.includes(`FROM ${daily}\n`))).toBe(everyDay);
		}
	});
});
