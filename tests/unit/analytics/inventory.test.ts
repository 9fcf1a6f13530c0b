import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import stockoutTotalsSql from '../../../src/lib/analytics/inventory/stockout-totals.sql?raw';
import { FIRST_ALERTS } from '../../../src/lib/analytics/first-alerts';
import {
	inventoryReport,
	reorderAlerts,
	reorderAlertsCsv,
	stockoutTrend,
	stockSummary,
	topStockoutProducts,
	type ReorderAlert,
	type StockMeasures
} from '../../../src/lib/analytics/inventory';
import { logisticsReport } from '../../../src/lib/analytics/logistics';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { keepingDerivedTables } from '../helpers/keeping-derived-tables';
import { openPipelinedLake } from './pipelined-lake';
import { createInventoryFixture } from './operations-fixture';
import { buildStockDraws } from './sales-aggregates';

// Expected values worked out by hand in operations-fixture.ts.
describe('inventory KPIs on a hand-made Gold fixture', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createInventoryFixture(sql);
	});
	afterAll(() => sql?.close());

	it('turnover, days of supply, stockout rate and sell-through in all', async () => {
		const { period, totals } = await stockSummary(sql, {});
		expect(period).toEqual({ days: 14, snapshots: 2, lastSnapshot: '2024-01-14' });
		expect(totals).toEqual({
			avgStockValue: 350,
			cogs: 404,
			turnover: 30.09,
			daysOfSupply: 12.13,
			snapshotRows: 8,
			stockoutRows: 3,
			stockoutRate: 0.375,
			unitsSold: 51,
			endingOnHand: 16,
			sellThrough: 51 / 67
		});
	});

	it('per category and per store, web sales booked to their shipment origin store', async () => {
		const { byCategory, byStore } = await stockSummary(sql, {});
		const pick = ({
			avgStockValue,
			cogs,
			turnover,
			daysOfSupply,
			stockoutRate,
			unitsSold,
			endingOnHand
		}: StockMeasures) => ({
			avgStockValue,
			cogs,
			turnover,
			daysOfSupply,
			stockoutRate,
			unitsSold,
			endingOnHand
		});
		expect(byCategory.map((row) => [row.category, pick(row)])).toEqual([
			[
				'Apparel',
				{
					avgStockValue: 16,
					cogs: 64,
					turnover: 104.29,
					daysOfSupply: 3.5,
					stockoutRate: 0.5,
					unitsSold: 8,
					endingOnHand: 4
				}
			],
			[
				'Electronics',
				{
					avgStockValue: 210,
					cogs: 180,
					turnover: 22.35,
					daysOfSupply: 16.33,
					stockoutRate: 0.5,
					unitsSold: 3,
					endingOnHand: 0
				}
			],
			[
				'Grocery',
				{
					avgStockValue: 124,
					cogs: 160,
					turnover: 33.64,
					daysOfSupply: 10.85,
					stockoutRate: 0,
					unitsSold: 40,
					endingOnHand: 12
				}
			]
		]);
		expect(byCategory.map((row) => row.sellThrough)).toEqual([8 / 12, 1, 40 / 52]);
		expect(byStore.map((row) => [row.storeId, row.storeName, row.city, pick(row)])).toEqual([
			[
				'S1',
				'Store One',
				'Mumbai',
				{
					avgStockValue: 166,
					cogs: 184,
					turnover: 28.9,
					daysOfSupply: 12.63,
					stockoutRate: 0.5,
					unitsSold: 10,
					endingOnHand: 4
				}
			],
			[
				'S2',
				'Store Two',
				'Delhi',
				{
					avgStockValue: 184,
					cogs: 180,
					turnover: 25.5,
					daysOfSupply: 14.31,
					stockoutRate: 0.25,
					unitsSold: 31,
					endingOnHand: 12
				}
			]
		]);
		expect(byStore.map((row) => row.sellThrough)).toEqual([10 / 14, 31 / 43]);
	});

	it('stockout trend per snapshot date and the most stocked-out products', async () => {
		expect(await stockoutTrend(sql, {})).toEqual([
			{ snapshotDate: '2024-01-07', snapshotRows: 4, stockoutRows: 1, stockoutRate: 0.25 },
			{ snapshotDate: '2024-01-14', snapshotRows: 4, stockoutRows: 2, stockoutRate: 0.5 }
		]);
		expect(await topStockoutProducts(sql, {})).toEqual([
			{
				productId: 'P1',
				productName: 'Phone',
				category: 'Electronics',
				stockoutRows: 2,
				snapshotRows: 4,
				stockoutRate: 0.5
			},
			{
				productId: 'P2',
				productName: 'Shirt, "Slim"',
				category: 'Apparel',
				stockoutRows: 1,
				snapshotRows: 2,
				stockoutRate: 0.5
			}
		]);
	});

	const alert = (
		storeId: string,
		productId: string,
		onHand: number,
		reorderLevel: number,
		unitCost: number,
		suggestedQty: number,
		suggestedCost: number
	): ReorderAlert => ({
		snapshotDate: '2024-01-14',
		storeId,
		storeName: storeId === 'S1' ? 'Store One' : 'Store Two',
		city: storeId === 'S1' ? 'Mumbai' : 'Delhi',
		productId,
		productName: productId === 'P1' ? 'Phone' : 'Shirt, "Slim"',
		category: productId === 'P1' ? 'Electronics' : 'Apparel',
		onHand,
		reorderLevel,
		unitCost,
		suggestedQty,
		suggestedCost
	});
	const s2p1 = alert('S2', 'P1', 0, 3, 62, 6, 372);
	const s1p1 = alert('S1', 'P1', 0, 2, 60, 4, 240);
	const s1p2 = alert('S1', 'P2', 4, 5, 8, 6, 48);

	it('reorder alerts: the latest snapshot rows at or under their reorder level, paged and sorted', async () => {
		expect(await reorderAlerts(sql, {})).toEqual({ rows: [s2p1, s1p1, s1p2], total: 3 });
		expect(await reorderAlerts(sql, {}, { offset: 1, limit: 1 })).toEqual({ rows: [s1p1], total: 3 });
		expect(await reorderAlerts(sql, {}, { offset: 5, limit: 10 })).toEqual({ rows: [], total: 3 });
		expect(await reorderAlerts(sql, {}, { sortBy: 'onHand', descending: false })).toEqual({
			rows: [s1p1, s2p1, s1p2],
			total: 3
		});
		expect(await reorderAlerts(sql, {}, { sortBy: 'product', descending: false, limit: 2 })).toEqual({
			rows: [s1p1, s2p1],
			total: 3
		});
		// The latest snapshot within the date range.
		const early = await reorderAlerts(sql, { to: '2024-01-10' });
		expect(early.rows.map((row) => [row.snapshotDate, row.storeId, row.productId, row.suggestedQty])).toEqual(
			[
				['2024-01-07', 'S2', 'P1', 4],
				['2024-01-07', 'S1', 'P2', 10]
			]
		);
		expect(await reorderAlerts(sql, { from: '2024-01-08', to: '2024-01-13' })).toEqual({
			rows: [],
			total: 0
		});
		await expect(reorderAlerts(sql, {}, { limit: -1 })).rejects.toThrow(RangeError);
		await expect(reorderAlerts(sql, {}, { sortBy: 'x' as never })).rejects.toThrow(RangeError);
	});

	it('the CSV holds every alert and parses back to the same rows', async () => {
		const csv = await reorderAlertsCsv(sql, {});
		expect(csv.split('\r\n')[0]).toBe(
			'snapshot_date,store_id,store_name,city,product_id,product_name,category,on_hand,reorder_level,unit_cost,suggested_qty,suggested_cost'
		);
		expect(csv).toContain('"Shirt, ""Slim"""');
		expect(csv.endsWith('\r\n')).toBe(true);
		// Parsed by DuckDB's own CSV reader, every column as text.
		await sql.registerFile('alerts.csv', new TextEncoder().encode(csv));
		const parsed = await sql.query(
			`SELECT * FROM read_csv('alerts.csv', header = true, all_varchar = true, quote = '"', escape = '"')`
		);
		await sql.dropFile('alerts.csv');
		expect(
			parsed.rows.map((row): ReorderAlert => ({
				snapshotDate: String(row.snapshot_date),
				storeId: String(row.store_id),
				storeName: String(row.store_name),
				city: String(row.city),
				productId: String(row.product_id),
				productName: String(row.product_name),
				category: String(row.category),
				onHand: Number(row.on_hand),
				reorderLevel: Number(row.reorder_level),
				unitCost: Number(row.unit_cost),
				suggestedQty: Number(row.suggested_qty),
				suggestedCost: Number(row.suggested_cost)
			}))
		).toEqual([s2p1, s1p1, s1p2]);
	});

	it('the report bundles the page, with the alerts counted and their opening page listed', async () => {
		const report = await inventoryReport(sql, {});
		expect(report.alertCount).toBe(3);
		expect(report.alertCost).toBe(660);
		// By suggested cost, largest first: 372, 240, 48 (all three fit the opening page of FIRST_ALERTS).
		expect(report.firstAlerts).toEqual([s2p1, s1p1, s1p2]);
		expect(report.totals.turnover).toBe(30.09);
		expect(report.byCategory).toHaveLength(3);
		expect(report.byStore).toHaveLength(2);
		expect(report.stockoutTrend).toHaveLength(2);
		expect(report.topStockouts.map((row) => row.productId)).toEqual(['P1', 'P2']);
		expect(report).not.toHaveProperty('rows');
	});

	it('an empty selection has no ratios', async () => {
		const report = await inventoryReport(sql, { city: 'Nowhere' });
		expect(report.period).toEqual({ days: 14, snapshots: 0, lastSnapshot: null });
		expect(report.totals).toEqual({
			avgStockValue: 0,
			cogs: 0,
			turnover: null,
			daysOfSupply: null,
			snapshotRows: 0,
			stockoutRows: 0,
			stockoutRate: null,
			unitsSold: 0,
			endingOnHand: 0,
			sellThrough: null
		});
		expect(report.byCategory).toEqual([]);
		expect(report.byStore).toEqual([]);
		expect(report.stockoutTrend).toEqual([]);
		expect(report.topStockouts).toEqual([]);
		expect(report.alertCount).toBe(0);
		expect(report.alertCost).toBe(0);
		expect(report.firstAlerts).toEqual([]);
	});
});

// Each KPI filtered equals the unfiltered KPI on a fixture filtered beforehand, by hand-written SQL.
describe('inventory KPI filters', () => {
	let full: DuckDBWasmEngine;
	let pre: DuckDBWasmEngine;
	beforeAll(async () => {
		[full, pre] = await Promise.all([openDuckDBWasmNode(), openDuckDBWasmNode()]);
		await createInventoryFixture(full);
	});
	afterAll(async () => {
		await full?.close();
		await pre?.close();
	});

	// stock: gold_fact_inventory; sales: gold_fact_sales (a web line's store is its shipment's origin:
	// W1 S2, W2 S1, W3 none); days: gold_dim_date.
	const cases: { filters: KpiFilters; stock: string; sales: string; days: string }[] = [
		{
			filters: { from: '2024-01-08', to: '2024-01-14' },
			stock: 'date_key BETWEEN 20240108 AND 20240114',
			sales: 'date_key BETWEEN 20240108 AND 20240114',
			days: 'date_key BETWEEN 20240108 AND 20240114'
		},
		{
			filters: { city: 'Mumbai' },
			stock: 'store_sk = 1',
			sales: `order_id IN ('O1', 'O3', 'W2')`,
			days: 'TRUE'
		},
		{
			// The channel does not apply to stock: ignored.
			filters: { category: 'Electronics', channel: 'web' },
			stock: 'product_sk = 1',
			sales: 'product_sk = 1',
			days: 'TRUE'
		},
		{
			// O2 (30 units) is flagged as a spike: left out of the cost of goods sold, not of the stock.
			filters: { spikes: 'exclude' },
			stock: 'TRUE',
			sales: `order_id <> 'O2'`,
			days: 'TRUE'
		},
		{
			filters: { to: '2024-01-10', city: 'Delhi', category: 'Electronics' },
			stock: 'date_key <= 20240110 AND store_sk = 2 AND product_sk = 1',
			sales: `date_key <= 20240110 AND order_id = 'W1'`,
			days: 'date_key <= 20240110'
		}
	];

	it.each(cases)('$filters', async ({ filters, stock, sales, days }) => {
		await createInventoryFixture(pre);
		await pre.exec(`
			DELETE FROM gold_fact_inventory WHERE NOT (${stock});
			DELETE FROM gold_fact_sales WHERE NOT (${sales});
			DELETE FROM gold_dim_date WHERE NOT (${days});
		`);
		await buildStockDraws(pre);
		const all = async (sql: SqlEngine, f: KpiFilters) => [
			await inventoryReport(sql, f),
			await reorderAlerts(sql, f, { limit: 100 }),
			await reorderAlertsCsv(sql, f)
		];
		const expected = await all(pre, {});
		expect(await all(full, filters)).toEqual(expected);
		// As the dashboards' engine runs it: the stock rows added up by date, store and category and the rows at or
		// below their reorder level are derived tables; with no date range the stock summary also reads the sales
		// drawn on each store summed over every day, and the most stocked-out products the stock rows summed by
		// product and store. Each must answer the same.
		const derived: string[] = [];
		expect(await all(keepingDerivedTables(full, derived), filters)).toEqual(expected);
		const everyDay = filters.from === undefined && filters.to === undefined;
		expect(derived.some((select) => select.includes('FROM gold_agg_stock_draws'))).toBe(everyDay);
		expect(derived.includes(stockoutTotalsSql)).toBe(everyDay);
		expect(derived.some((select) => select.includes('FROM gold_fact_inventory i'))).toBe(true);
		expect(derived.some((select) => select.includes('WHERE on_hand <= reorder_level'))).toBe(true);
	});
});

// Both operations reports on a generated lake run through the pipeline, checked against Gold by plain SQL.
describe('operations reports on a generated, pipelined lake', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openPipelinedLake({ seed: 7, salesLines: 4_000, from: '2024-01-01', to: '2024-06-30' });
	}, 120_000);
	afterAll(() => sql?.close());

	const one = async (query: string) => (await sql.query(query)).rows[0];

	it('inventoryReport agrees with Gold, and paging reaches every alert', async () => {
		const report = await inventoryReport(sql, {});
		const gold = await one(`SELECT
			CAST(count(*) AS INTEGER) AS snapshot_rows,
			CAST(count(*) FILTER (WHERE is_stockout) AS INTEGER) AS stockout_rows,
			CAST(count(DISTINCT date_key) AS INTEGER) AS snapshots,
			CAST(sum(stock_value) AS DOUBLE) AS stock_value,
			CAST((SELECT sum(cost_amount) FROM gold_fact_sales) AS DOUBLE) AS cogs,
			CAST((SELECT count(*) FROM gold_dim_date) AS INTEGER) AS days,
			CAST(count(*) FILTER (WHERE date_key = (SELECT max(date_key) FROM gold_fact_inventory)
				AND on_hand <= reorder_level) AS INTEGER) AS alerts
			FROM gold_fact_inventory`);
		expect(report.period.snapshots).toBe(gold.snapshots);
		expect(report.period.days).toBe(gold.days);
		expect(report.totals.snapshotRows).toBe(gold.snapshot_rows);
		expect(report.totals.stockoutRows).toBe(gold.stockout_rows);
		expect(report.totals.cogs).toBeCloseTo(Number(gold.cogs), 2);
		const avgStock = Number(gold.stock_value) / Number(gold.snapshots);
		expect(report.totals.avgStockValue).toBeCloseTo(avgStock, 2);
		// docs/kpis.md: turnover = COGS per day × 365 ÷ average stock value; days of supply = average stock value ÷
		// COGS per day; stockout rate = stockout rows ÷ snapshot rows, from Gold's own sums above.
		const cogsPerDay = Number(gold.cogs) / Number(gold.days);
		expect(report.totals.turnover).toBeCloseTo((cogsPerDay * 365) / avgStock, 2);
		expect(report.totals.daysOfSupply).toBeCloseTo(avgStock / cogsPerDay, 2);
		expect(report.totals.stockoutRate).toBeCloseTo(
			Number(gold.stockout_rows) / Number(gold.snapshot_rows),
			10
		);
		expect(gold.stockout_rows).toBeGreaterThan(0);
		// Categories add up to the total; stores hold all but web sales without a shipment.
		const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
		expect(sum(report.byCategory.map((row) => row.avgStockValue))).toBeCloseTo(avgStock, 0);
		expect(sum(report.byCategory.map((row) => row.cogs))).toBeCloseTo(report.totals.cogs, 0);
		expect(sum(report.byStore.map((row) => row.avgStockValue))).toBeCloseTo(avgStock, 0);
		expect(sum(report.byStore.map((row) => row.cogs))).toBeLessThanOrEqual(report.totals.cogs + 0.01);
		expect(sum(report.byStore.map((row) => row.cogs))).toBeGreaterThan(0.9 * report.totals.cogs);
		expect(report.byStore.map((row) => row.storeId)).not.toContain('WEB-ONLINE');
		expect(sum(report.stockoutTrend.map((point) => point.snapshotRows))).toBe(gold.snapshot_rows);
		expect(report.topStockouts.length).toBeLessThanOrEqual(10);
		expect(report.alertCount).toBe(gold.alerts);
		expect(report.alertCount).toBeGreaterThan(0);

		// Per category, from the stock rows themselves: the report adds them up by date, store and category first
		// (stock-groups.sql), as a derived table where the engine keeps them.
		const categories = (
			await sql.query(`SELECT p.category,
				CAST(count(*) AS INTEGER) AS snapshot_rows,
				CAST(count(*) FILTER (WHERE i.is_stockout) AS INTEGER) AS stockout_rows,
				CAST(sum(i.on_hand) FILTER (WHERE i.date_key = (SELECT max(date_key) FROM gold_fact_inventory))
					AS INTEGER) AS ending_on_hand
				FROM gold_fact_inventory i JOIN gold_dim_product p USING (product_sk)
				GROUP BY p.category ORDER BY p.category`)
		).rows.map((row) => ({
			category: row.category,
			snapshotRows: row.snapshot_rows,
			stockoutRows: row.stockout_rows,
			endingOnHand: row.ending_on_hand
		}));
		const groupsPerCategory = await one(`SELECT CAST(max(products) AS INTEGER) AS most FROM (
			SELECT count(*) AS products FROM gold_fact_inventory i JOIN gold_dim_product p USING (product_sk)
			GROUP BY i.date_key, i.store_sk, p.category)`);
		expect(groupsPerCategory.most).toBeGreaterThan(1);
		for (const engine of [sql, keepingDerivedTables(sql)]) {
			const { byCategory, totals } = await inventoryReport(engine, {});
			expect(
				byCategory.map(({ category, snapshotRows, stockoutRows, endingOnHand }) => ({
					category,
					snapshotRows,
					stockoutRows,
					endingOnHand
				}))
			).toEqual(categories);
			expect(totals.endingOnHand).toBe(sum(categories.map((row) => Number(row.endingOnHand))));
		}

		// The opening page the report carries is the first page of that size the table asks for otherwise.
		expect(report.firstAlerts).toEqual((await reorderAlerts(sql, {}, { limit: FIRST_ALERTS })).rows);
		expect(report.firstAlerts).toHaveLength(Math.min(FIRST_ALERTS, Number(gold.alerts)));

		const paged = [];
		for (let offset = 0; offset < report.alertCount; offset += 40) {
			const page = await reorderAlerts(sql, {}, { offset, limit: 40 });
			expect(page.total).toBe(report.alertCount);
			paged.push(...page.rows);
		}
		expect(paged).toHaveLength(report.alertCount);
		expect(new Set(paged.map((row) => `${row.storeId}|${row.productId}`)).size).toBe(report.alertCount);
		expect(sum(paged.map((row) => row.suggestedCost))).toBeCloseTo(report.alertCost, 1);
		const csv = await reorderAlertsCsv(sql, {});
		expect(csv.split('\r\n')).toHaveLength(report.alertCount + 2);
	});

	it('logisticsReport agrees with Gold', async () => {
		const report = await logisticsReport(sql, {});
		const gold = await one(`SELECT
			CAST(count(*) AS INTEGER) AS shipments,
			CAST(count(*) FILTER (WHERE status = 'delivered') AS INTEGER) AS delivered,
			CAST(count(*) FILTER (WHERE status = 'delivered' AND NOT is_late) AS INTEGER) AS on_time,
			CAST((SELECT sum(net_amount) FROM gold_fact_sales) AS DOUBLE) AS revenue
			FROM gold_fact_shipments`);
		const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
		expect(report.totals.shipments).toBe(gold.shipments);
		expect(sum(report.statuses.map((row) => row.shipments))).toBe(gold.shipments);
		expect(report.statuses.map((row) => row.status).sort()).toEqual(
			['delayed', 'delivered', 'in_transit', 'returned'].filter((status) =>
				report.statuses.some((row) => row.status === status)
			)
		);
		expect(report.totals.delivered).toBe(gold.delivered);
		// On time by days from the ship date agrees with Gold's is_late (delivery date after the promise).
		expect(report.totals.onTime).toBe(gold.on_time);
		expect(sum(report.delayHistogram.map((bucket) => bucket.shipments))).toBe(gold.delivered);
		expect(report.totals.medianDeliveryDays).toBeLessThanOrEqual(report.totals.p90DeliveryDays!);
		expect(sum(report.byCarrier.map((row) => row.shipments))).toBe(gold.shipments);
		expect(sum(report.byDestination.map((row) => row.shipments))).toBe(gold.shipments);
		expect(sum(report.seasonalDemand.map((row) => row.revenue))).toBeCloseTo(Number(gold.revenue), 0);
		expect(new Set(report.seasonalDemand.map((row) => row.month)).size).toBe(6);
	});
});
