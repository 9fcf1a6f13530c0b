import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import {
	delayHistogram,
	deliveryPerformance,
	logisticsReport,
	seasonalDemand,
	shipmentStatus
} from '../../../src/lib/analytics/logistics';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { keepingDerivedTables } from '../helpers/keeping-derived-tables';
import { buildSalesAggregates } from './sales-aggregates';
import { createLogisticsFixture } from './operations-fixture';

// Expected values worked out by hand in operations-fixture.ts.
describe('logistics KPIs on a hand-made Gold fixture', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createLogisticsFixture(sql);
	});
	afterAll(() => sql?.close());

	it('counts and shares by status', async () => {
		expect(await shipmentStatus(sql, {})).toEqual([
			{ status: 'delivered', shipments: 7, share: 0.7 },
			{ status: 'delayed', shipments: 1, share: 0.1 },
			{ status: 'in_transit', shipments: 1, share: 0.1 },
			{ status: 'returned', shipments: 1, share: 0.1 }
		]);
	});

	it('delivery days avg / median / p90 and on-time rate of delivered shipments, by carrier and destination', async () => {
		const { totals, byCarrier, byDestination } = await deliveryPerformance(sql, {});
		expect(totals).toEqual({
			shipments: 10,
			delivered: 7,
			avgDeliveryDays: 6.86,
			medianDeliveryDays: 6,
			p90DeliveryDays: 11.6,
			onTime: 2,
			onTimeRate: 2 / 7
		});
		const stats = (
			shipments: number,
			delivered: number,
			avg: number | null,
			median: number | null,
			p90: number | null,
			onTime: number,
			onTimeRate: number | null
		) => ({
			shipments,
			delivered,
			avgDeliveryDays: avg,
			medianDeliveryDays: median,
			p90DeliveryDays: p90,
			onTime,
			onTimeRate
		});
		expect(byCarrier).toEqual([
			{ carrier: 'DTDC', ...stats(4, 3, 10.67, 10, 13.2, 0, 0) },
			{ carrier: 'BlueDart', ...stats(3, 2, 2.5, 2.5, 2.9, 2, 1) },
			{ carrier: 'Delhivery', ...stats(3, 2, 5.5, 5.5, 5.9, 0, 0) }
		]);
		expect(byDestination).toEqual([
			{ city: 'Mumbai', ...stats(4, 3, 5, 5, 7.4, 1, 1 / 3) },
			{ city: 'Delhi', ...stats(3, 2, 4.5, 4.5, 5.7, 1, 0.5) },
			{ city: 'Pune', ...stats(2, 2, 12, 12, 13.6, 0, 0) },
			{ city: 'Kolkata', ...stats(1, 0, null, null, null, 0, null) }
		]);
	});

	it('delay histogram: every bucket, empty ones included', async () => {
		const histogram = await delayHistogram(sql, {});
		expect(
			histogram.map(({ label, minDaysLate, maxDaysLate, shipments }) => [
				label,
				minDaysLate,
				maxDaysLate,
				shipments
			])
		).toEqual([
			['On time', null, 0, 2],
			['1 day', 1, 1, 1],
			['2 days', 2, 2, 1],
			['3 days', 3, 3, 1],
			['4–7 days', 4, 7, 1],
			['8+ days', 8, null, 1]
		]);
		expect(histogram.map((bucket) => bucket.share)).toEqual([2 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7, 1 / 7]);
		const early = await delayHistogram(sql, { to: '2024-01-04' });
		expect(early.map((bucket) => bucket.shipments)).toEqual([2, 0, 0, 0, 0, 0]);
		const none = await delayHistogram(sql, { city: 'Kolkata' });
		expect(none.map((bucket) => [bucket.shipments, bucket.share])).toEqual(Array(6).fill([0, null]));
	});

	it('seasonal demand by month × category', async () => {
		expect(await seasonalDemand(sql, {})).toEqual([
			{ month: '2024-01', category: 'Apparel', units: 2, revenue: 40 },
			{ month: '2024-01', category: 'Electronics', units: 3, revenue: 300 },
			{ month: '2024-02', category: 'Apparel', units: 3, revenue: 60 },
			{ month: '2024-02', category: 'Grocery', units: 10, revenue: 50 },
			{ month: '2024-03', category: 'Apparel', units: 1, revenue: 20 }
		]);
	});

	it('the report bundles the page; no shipments means no delivery measures', async () => {
		const report = await logisticsReport(sql, {});
		expect(report.statuses).toHaveLength(4);
		expect(report.totals.onTimeRate).toBeCloseTo(2 / 7, 12);
		expect(report.byCarrier).toHaveLength(3);
		expect(report.byDestination).toHaveLength(4);
		expect(report.delayHistogram).toHaveLength(6);
		expect(report.seasonalDemand).toHaveLength(5);
		const empty = await logisticsReport(sql, { city: 'Nowhere' });
		expect(empty.statuses).toEqual([]);
		expect(empty.totals).toEqual({
			shipments: 0,
			delivered: 0,
			avgDeliveryDays: null,
			medianDeliveryDays: null,
			p90DeliveryDays: null,
			onTime: 0,
			onTimeRate: null
		});
		expect(empty.byCarrier).toEqual([]);
		expect(empty.byDestination).toEqual([]);
		expect(empty.seasonalDemand).toEqual([]);
	});
});

// Each KPI filtered equals the unfiltered KPI on a fixture filtered beforehand, by hand-written SQL.
describe('logistics KPI filters', () => {
	let full: DuckDBWasmEngine;
	let pre: DuckDBWasmEngine;
	beforeAll(async () => {
		[full, pre] = await Promise.all([openDuckDBWasmNode(), openDuckDBWasmNode()]);
		await createLogisticsFixture(full);
	});
	afterAll(async () => {
		await full?.close();
		await pre?.close();
	});

	const cases: { filters: KpiFilters; shipments: string; sales: string }[] = [
		{
			filters: { from: '2024-01-04', to: '2024-02-03' },
			shipments: 'ship_date_key BETWEEN 20240104 AND 20240203',
			sales: 'date_key BETWEEN 20240104 AND 20240203'
		},
		{ filters: { city: 'Mumbai' }, shipments: `destination_city = 'Mumbai'`, sales: `city = 'Mumbai'` },
		{
			// The category applies to the demand only; the channel to nothing.
			filters: { category: 'Apparel', channel: 'pos' },
			shipments: 'TRUE',
			sales: 'product_sk = 2'
		},
		{
			filters: { from: '2024-01-05', city: 'Delhi', category: 'Apparel' },
			shipments: `ship_date_key >= 20240105 AND destination_city = 'Delhi'`,
			sales: `date_key >= 20240105 AND city = 'Delhi' AND product_sk = 2`
		}
	];

	it.each(cases)('$filters', async ({ filters, shipments, sales }) => {
		await createLogisticsFixture(pre);
		await pre.exec(`
			DELETE FROM gold_fact_shipments WHERE NOT (${shipments});
			DELETE FROM gold_fact_sales WHERE NOT (${sales});
		`);
		await buildSalesAggregates(pre);
		expect(await logisticsReport(full, filters)).toEqual(await logisticsReport(pre, {}));
	});

	it.each(cases)(
		'$filters, as the dashboards run it (derived tables), alike shipments counted',
		async ({ filters }) => {
			const twice = await openDuckDBWasmNode();
			try {
				await createLogisticsFixture(twice);
				// Every shipment twice: the counts over every day then hold 2 where they hold one row. A flagged
				// spike, so that leaving spikes out must read the monthly sums' spike flag.
				await twice.exec(`INSERT INTO gold_fact_shipments SELECT * FROM gold_fact_shipments;
					UPDATE gold_fact_sales SET is_spike = true WHERE order_id = 'L3';`);
				await buildSalesAggregates(twice);
				for (const asked of [filters, { ...filters, spikes: 'exclude' as const }]) {
					const selects: string[] = [];
					const derived = await logisticsReport(keepingDerivedTables(twice, selects), asked);
					expect(derived).toEqual(await logisticsReport(twice, asked));
					const everyDay = filters.from === undefined && filters.to === undefined;
					expect(selects.some((select) => select.includes('FROM gold_fact_shipments'))).toBe(everyDay);
				}
			} finally {
				await twice.close();
			}
		}
	);
});
