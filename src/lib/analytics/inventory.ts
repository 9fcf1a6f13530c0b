import type { SqlEngine, SqlValue } from '../sql/sql-engine';
import { quoteLiteral } from '../sql/sql-text';
import { withDerivedTable } from '../sql/temp-table';
import { exportCsv } from './export-csv';
import { FIRST_ALERTS } from './first-alerts';
import alertRowsSql from './inventory/alert-rows.sql?raw';
import reorderAlertsSql from './inventory/reorder-alerts.sql?raw';
import stockByGroupSql from './inventory/stock-by-group.sql?raw';
import stockDrawTotalsSql from './inventory/stock-draw-totals.sql?raw';
import stockGroupsSql from './inventory/stock-groups.sql?raw';
import stockoutProductsSql from './inventory/stockout-products.sql?raw';
import stockoutTotalsSql from './inventory/stockout-totals.sql?raw';
import stockoutTrendSql from './inventory/stockout-trend.sql?raw';
import { dailyOrTotals } from './every-day-totals';
import { dateConditions, validateFilters, type KpiFilters } from './filters';
import { kpiRows } from './run-kpi';
import { ratio, round2, round2OrNull, textOrNull, toNumber } from './values';

/**
 * Inventory page: stock KPIs over gold_fact_inventory, with COGS and units sold from the sales lines summed by
 * the store they drew on (gold_agg_stock_draws; docs/kpis.md, Operations).
 *
 * Filters: the date range (snapshot dates, sales dates and the calendar days of the period), the city (the
 * city of the store holding the stock) and the category. The channel filter is ignored on this page, for
 * stock and for sales alike: both channels draw on the same store stock, so turnover, days of supply and
 * sell-through count the sales of every channel.
 *
 * Sales are booked to the store whose stock they drew on: a POS line to its store, a web line to the
 * origin store of its order's shipment (gold_fact_shipments, resolved in Gold). A web line whose order has
 * no shipment counts in the totals and its category but in no store, and not under a city filter.
 */

/** The inventory measures of a selection of stock (all of it, a category or a store). */
export interface StockMeasures {
	/**
	 * Average inventory value at cost: Σ stock_value ÷ the snapshot dates in the period (a store or category
	 * with no row on a snapshot date counts 0 there, so categories and stores add up to the total).
	 */
	avgStockValue: number;
	/** Cost of goods sold over the period: Σ gold_fact_sales.cost_amount (quantity × unit cost). */
	cogs: number;
	/**
	 * Annualised inventory turnover: cogs ÷ avgStockValue × 365 ÷ days in the period; null without stock
	 * (no snapshot in the period, or none of it valued).
	 */
	turnover: number | null;
	/** Days of supply: avgStockValue ÷ (cogs ÷ days in the period); null without sales. */
	daysOfSupply: number | null;
	/** Store × product × snapshot rows. */
	snapshotRows: number;
	/** Those rows out of stock (gold_fact_inventory.is_stockout: on_hand ≤ 0). */
	stockoutRows: number;
	/** stockoutRows ÷ snapshotRows, 0–1; null without rows. */
	stockoutRate: number | null;
	/** Units sold over the period. */
	unitsSold: number;
	/** Units on hand on the latest snapshot date of the period (ending stock). */
	endingOnHand: number;
	/** Sell-through = unitsSold ÷ (unitsSold + endingOnHand), 0–1; null when both are 0. */
	sellThrough: number | null;
}

export interface CategoryStock extends StockMeasures {
	category: string;
}

export interface StoreStock extends StockMeasures {
	storeId: string;
	storeName: string | null;
	city: string | null;
}

export interface StockPeriod {
	/** Calendar days in the period (gold_dim_date days within the date range). */
	days: number;
	/** Snapshot dates in the period. */
	snapshots: number;
	/** YYYY-MM-DD, the latest snapshot date in the period; null without snapshots. */
	lastSnapshot: string | null;
}

export interface StockSummary {
	period: StockPeriod;
	totals: StockMeasures;
	/** By category name. */
	byCategory: CategoryStock[];
	/** By store id. */
	byStore: StoreStock[];
}

/** Turnover, days of supply, stockout rate and sell-through: all the stock, per category and per store. */
export async function stockSummary(sql: SqlEngine, filters: KpiFilters): Promise<StockSummary> {
	const draws = await dailyOrTotals(sql, filters, 'gold_agg_stock_draws', stockDrawTotalsSql);
	const rows = await withDerivedTable(sql, stockGroupsSql, (stockGroups) =>
		kpiRows(sql, stockByGroupSql, {
			stock_groups: stockGroups,
			stock: stockGroupConditions(filters, 'i'),
			draws,
			sold: soldConditions(filters, 'f'),
			days: dateConditions(filters, 'd')
		})
	);
	const [total] = rows;
	const period: StockPeriod = {
		days: toNumber(total.days),
		snapshots: toNumber(total.snapshots),
		lastSnapshot: total.last_snapshot === null ? null : String(total.last_snapshot)
	};
	const measures = (row: Record<string, SqlValue>) => stockMeasures(row, period);
	return {
		period,
		totals: measures(total),
		byCategory: rows
			.filter((row) => row.level === 'category')
			.map((row) => ({ category: String(row.category), ...measures(row) })),
		byStore: rows
			.filter((row) => row.level === 'store')
			.map((row) => ({
				storeId: String(row.store_id),
				storeName: textOrNull(row.store_name),
				city: textOrNull(row.city),
				...measures(row)
			}))
	};
}

function stockMeasures(row: Record<string, SqlValue>, { days, snapshots }: StockPeriod): StockMeasures {
	const avgStockValue = ratio(toNumber(row.stock_value), snapshots) ?? 0;
	const cogs = toNumber(row.cogs);
	const dailyCogs = ratio(cogs, days) ?? 0;
	const turnover = ratio(dailyCogs * 365, avgStockValue);
	const snapshotRows = toNumber(row.snapshot_rows);
	const stockoutRows = toNumber(row.stockout_rows);
	const unitsSold = toNumber(row.units_sold);
	const endingOnHand = toNumber(row.ending_on_hand);
	return {
		avgStockValue: round2(avgStockValue),
		cogs: round2(cogs),
		turnover: round2OrNull(turnover),
		daysOfSupply: round2OrNull(ratio(avgStockValue, dailyCogs)),
		snapshotRows,
		stockoutRows,
		stockoutRate: ratio(stockoutRows, snapshotRows),
		unitsSold,
		endingOnHand,
		sellThrough: ratio(unitsSold, unitsSold + endingOnHand)
	};
}

export interface StockoutPoint {
	/** YYYY-MM-DD. */
	snapshotDate: string;
	snapshotRows: number;
	stockoutRows: number;
	/** stockoutRows ÷ snapshotRows, 0–1. */
	stockoutRate: number;
}

/** The stockout rate per snapshot date (snapshots are weekly or rarer, so this is the weekly trend). */
export async function stockoutTrend(sql: SqlEngine, filters: KpiFilters): Promise<StockoutPoint[]> {
	const rows = await withDerivedTable(sql, stockGroupsSql, (stockGroups) =>
		kpiRows(sql, stockoutTrendSql, { stock_groups: stockGroups, stock: stockGroupConditions(filters, 'i') })
	);
	return rows.map((row) => {
		const snapshotRows = toNumber(row.snapshot_rows);
		const stockoutRows = toNumber(row.stockout_rows);
		return {
			snapshotDate: String(row.snapshot_date),
			snapshotRows,
			stockoutRows,
			stockoutRate: stockoutRows / snapshotRows
		};
	});
}

export interface StockoutProduct {
	productId: string;
	productName: string;
	category: string;
	/** Store × snapshot rows of the product out of stock. */
	stockoutRows: number;
	snapshotRows: number;
	/** stockoutRows ÷ snapshotRows, 0–1. */
	stockoutRate: number;
}

/** Each stock row counted as one snapshot row, and as one stockout row when out of stock. */
const STOCK_ROWS =
	'(SELECT product_sk, store_sk, date_key, CAST(is_stockout AS INTEGER) AS stockout_rows, 1 AS snapshot_rows ' +
	'FROM gold_fact_inventory)';

/**
 * The 10 products out of stock most often (store × snapshot rows), never-out-of-stock ones left out. With no date
 * range they are counted from the stock rows added up by product and store (stockout-totals.sql).
 */
export async function topStockoutProducts(sql: SqlEngine, filters: KpiFilters): Promise<StockoutProduct[]> {
	const rows = await kpiRows(sql, stockoutProductsSql, {
		stock_rows: await dailyOrTotals(sql, filters, STOCK_ROWS, stockoutTotalsSql),
		stock: stockConditions(filters, 'i')
	});
	return rows.map((row) => {
		const snapshotRows = toNumber(row.snapshot_rows);
		const stockoutRows = toNumber(row.stockout_rows);
		return {
			productId: String(row.product_id),
			productName: String(row.product_name),
			category: String(row.category),
			stockoutRows,
			snapshotRows,
			stockoutRate: stockoutRows / snapshotRows
		};
	});
}

/**
 * A row of the latest snapshot in the selection with on_hand ≤ reorder_level.
 *
 * Suggested order quantity: bring the stock up to twice the reorder level (a min/max policy with max = 2 ×
 * min): `suggestedQty = 2 × reorderLevel − max(onHand, 0)`, never below 0; `suggestedCost = suggestedQty ×
 * unitCost` (the snapshot's unit cost).
 */
export interface ReorderAlert {
	/** YYYY-MM-DD. */
	snapshotDate: string;
	storeId: string;
	storeName: string | null;
	city: string | null;
	productId: string;
	productName: string;
	category: string;
	onHand: number;
	reorderLevel: number;
	unitCost: number;
	suggestedQty: number;
	suggestedCost: number;
}

export const REORDER_SORT_KEYS = [
	'store',
	'city',
	'product',
	'category',
	'onHand',
	'reorderLevel',
	'unitCost',
	'suggestedQty',
	'suggestedCost'
] as const;
export type ReorderSortKey = (typeof REORDER_SORT_KEYS)[number];

const SORT_COLUMNS: Record<ReorderSortKey, string> = {
	store: 'store_id',
	city: 'city',
	product: 'product_id',
	category: 'category',
	onHand: 'on_hand',
	reorderLevel: 'reorder_level',
	unitCost: 'unit_cost',
	suggestedQty: 'suggested_qty',
	suggestedCost: 'suggested_cost'
};

export interface ReorderAlertQuery {
	/** Alerts skipped, 0 by default. */
	offset?: number;
	/** Alerts returned, 50 by default, at most 10,000. */
	limit?: number;
	/** 'suggestedCost' by default; ties go by store id, then product id. */
	sortBy?: ReorderSortKey;
	/** True by default. */
	descending?: boolean;
}

export interface ReorderAlertPage {
	rows: ReorderAlert[];
	/** Every alert in the selection, not only this page's. */
	total: number;
}

const MAX_PAGE = 10_000;

/** One page of the reorder alerts (all of them are reachable by paging); see ReorderAlert for the rule. */
export async function reorderAlerts(
	sql: SqlEngine,
	filters: KpiFilters,
	{ offset = 0, limit = 50, sortBy = 'suggestedCost', descending = true }: ReorderAlertQuery = {}
): Promise<ReorderAlertPage> {
	if (!Number.isSafeInteger(offset) || offset < 0) {
		throw new RangeError(`offset must be a whole number ≥ 0, got ${offset}.`);
	}
	if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_PAGE) {
		throw new RangeError(`limit must be a whole number from 0 to ${MAX_PAGE}, got ${limit}.`);
	}
	const { total, rows } = await alertRows(
		sql,
		filters,
		sortBy,
		descending,
		`LIMIT ${limit} OFFSET ${offset}`
	);
	return { rows, total };
}

/**
 * Every reorder alert as RFC 4180 CSV (CRLF line ends, a header row), by suggested cost, largest first;
 * text that a spreadsheet would run as a formula is escaped (`exportCsv`).
 */
export async function reorderAlertsCsv(sql: SqlEngine, filters: KpiFilters): Promise<string> {
	const { rows } = await alertRows(sql, filters, 'suggestedCost', true, '');
	const header = [
		'snapshot_date',
		'store_id',
		'store_name',
		'city',
		'product_id',
		'product_name',
		'category',
		'on_hand',
		'reorder_level',
		'unit_cost',
		'suggested_qty',
		'suggested_cost'
	];
	const records = rows.map((alert) => [
		alert.snapshotDate,
		alert.storeId,
		alert.storeName ?? '',
		alert.city ?? '',
		alert.productId,
		alert.productName,
		alert.category,
		String(alert.onHand),
		String(alert.reorderLevel),
		alert.unitCost.toFixed(2),
		String(alert.suggestedQty),
		alert.suggestedCost.toFixed(2)
	]);
	return exportCsv([header, ...records]);
}

interface AlertRows {
	total: number;
	totalCost: number;
	rows: ReorderAlert[];
}

async function alertRows(
	sql: SqlEngine,
	filters: KpiFilters,
	sortBy: ReorderSortKey,
	descending: boolean,
	page: string
): Promise<AlertRows> {
	const column = SORT_COLUMNS[sortBy];
	if (column === undefined) throw new RangeError(`Cannot sort reorder alerts by "${sortBy}".`);
	const result = await withDerivedTable(sql, stockGroupsSql, (stockGroups) =>
		withDerivedTable(sql, alertRowsSql, (alertRows) =>
			kpiRows(sql, reorderAlertsSql, {
				stock_groups: stockGroups,
				group_stock: stockGroupConditions(filters, 'g'),
				alert_rows: alertRows,
				stock: stockConditions(filters, 'i'),
				order_by: `${column} ${descending ? 'DESC' : 'ASC'} NULLS LAST, store_id, product_id`,
				page
			})
		)
	);
	const [first] = result;
	return {
		total: toNumber(first.total_alerts),
		totalCost: round2(toNumber(first.total_cost)),
		rows: result
			.filter((row) => row.store_id !== null)
			.map((row) => ({
				snapshotDate: String(row.snapshot_date),
				storeId: String(row.store_id),
				storeName: textOrNull(row.store_name),
				city: textOrNull(row.city),
				productId: String(row.product_id),
				productName: String(row.product_name),
				category: String(row.category),
				onHand: toNumber(row.on_hand),
				reorderLevel: toNumber(row.reorder_level),
				unitCost: round2(toNumber(row.unit_cost)),
				suggestedQty: toNumber(row.suggested_qty),
				suggestedCost: round2(toNumber(row.suggested_cost))
			}))
	};
}

/**
 * Everything the inventory page shows, the reorder alerts' opening page included (the other pages and sorts:
 * reorderAlerts).
 */
export interface InventoryReport extends StockSummary {
	stockoutTrend: StockoutPoint[];
	topStockouts: StockoutProduct[];
	/** Reorder alerts in the latest snapshot of the selection. */
	alertCount: number;
	/** Σ suggested cost of all of them. */
	alertCost: number;
	/** The first FIRST_ALERTS of them by suggested cost, largest first: reorderAlerts' first page of that size. */
	firstAlerts: ReorderAlert[];
}

export async function inventoryReport(sql: SqlEngine, filters: KpiFilters): Promise<InventoryReport> {
	const [summary, trend, top, alerts] = await Promise.all([
		stockSummary(sql, filters),
		stockoutTrend(sql, filters),
		topStockoutProducts(sql, filters),
		alertRows(sql, filters, 'suggestedCost', true, `LIMIT ${FIRST_ALERTS}`)
	]);
	return {
		...summary,
		stockoutTrend: trend,
		topStockouts: top,
		alertCount: alerts.total,
		alertCost: alerts.totalCost,
		firstAlerts: alerts.rows
	};
}

/** The stock conditions on a sales line `<alias>` (with is_spike), leaving out the flagged spikes when asked. */
function soldConditions(filters: KpiFilters, alias: string): string {
	const stock = stockConditions(filters, alias);
	if (filters.spikes !== 'exclude') return stock;
	return stock === 'TRUE' ? `NOT ${alias}.is_spike` : `${stock} AND NOT ${alias}.is_spike`;
}

/**
 * The filters as conditions on a row `<alias>` with date_key, store_sk and product_sk (a stock row, or a
 * sales line booked to the store it drew on): the date range, the store's city, the product's category;
 * the channel is ignored. `TRUE` when there are none.
 */
export function stockConditions(filters: KpiFilters, alias: string): string {
	return placeConditions(
		filters,
		alias,
		(category) =>
			`${alias}.product_sk IN (SELECT product_sk FROM gold_dim_product WHERE category = ${quoteLiteral(category)})`
	);
}

/** The same conditions on a row `<alias>` of the stock groups, which name their category. */
function stockGroupConditions(filters: KpiFilters, alias: string): string {
	return placeConditions(filters, alias, (category) => `${alias}.category = ${quoteLiteral(category)}`);
}

function placeConditions(
	filters: KpiFilters,
	alias: string,
	categoryCondition: (category: string) => string
): string {
	const { city, category } = validateFilters(filters);
	const conditions = [dateConditions(filters, alias)].filter((condition) => condition !== 'TRUE');
	if (city !== undefined) {
		conditions.push(
			`${alias}.store_sk IN (SELECT store_sk FROM gold_dim_store WHERE city = ${quoteLiteral(city)})`
		);
	}
	if (category !== undefined) conditions.push(categoryCondition(category));
	return conditions.length === 0 ? 'TRUE' : conditions.join(' AND ');
}
