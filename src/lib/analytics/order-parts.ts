import { dailyAggregateConditions, orderPartConditions, type KpiFilters } from './filters';

/**
 * The orders' parts split by product category: what the dashboards read under a category where the totals will
 * not do (a date range; new against returning customers under a category and a city).
 */
const CATEGORY_ORDER_PARTS = 'gold_fact_order_categories';

/** Those parts summed by day and place (agg-daily-orders.sql): what the charts read under a category filter. */
export const CATEGORY_DAILY_ORDERS = 'gold_agg_daily_category_orders';

/** The order parts added up over every day (agg-order-totals.sql): what the rest reads with no date range. */
const ORDER_TOTALS = 'gold_agg_order_totals';

/** Those by category: with CATEGORY_DAILY_ORDERS, what a category filter reads with no date range. */
export const CATEGORY_ORDER_TOTALS = 'gold_agg_category_order_totals';

/** The distinct orders among order parts `o` (gold_fact_orders' `order_once`), as an INTEGER expression. */
const ORDER_COUNT = `CAST(count(*) FILTER (WHERE o.order_once)
		+ count(DISTINCT o.order_key) FILTER (WHERE o.order_once IS NULL AND NOT o.is_return) AS INTEGER)`;

/**
 * The distinct orders among order sums `o` (agg-daily-orders.sql, agg-order-totals.sql), as an INTEGER
 * expression: 0 over no rows, as ORDER_COUNT.
 */
const SUMMED_ORDER_COUNT =
	'CAST(coalesce(sum(o.whole_orders), 0) + count(DISTINCT o.split_order_key) AS INTEGER)';

/**
 * The order parts the filters read: gold_fact_orders, or under a category gold_fact_order_categories (a
 * category splits an order: there each part holds one category's lines, and order_once counts the orders
 * with a line in it).
 */
function partsTable(filters: KpiFilters): string {
	return filters.category === undefined ? 'gold_fact_orders' : CATEGORY_ORDER_PARTS;
}

/** The filters as conditions on order parts `o` (or on rows with their columns) of partsTable's. */
function partConditions(filters: KpiFilters): string {
	return filters.category === undefined
		? orderPartConditions(filters, 'o')
		: dailyAggregateConditions(filters, 'o');
}

/**
 * The order parts (gold_fact_orders' columns) of the sales lines matching the filters, as a relation to
 * name `o` (partsTable's rows).
 */
export function orderPartsMatching(filters: KpiFilters): string {
	return `(SELECT * FROM ${partsTable(filters)} o WHERE ${partConditions(filters)})`;
}

/**
 * The fragments of a query over the order parts of the sales matching the filters: `{{orders}} o` and the
 * distinct orders among them, `{{order_count}}`.
 */
export function orderParts(filters: KpiFilters): { orders: string; order_count: string } {
	return { orders: orderPartsMatching(filters), order_count: ORDER_COUNT };
}

/**
 * orderParts' fragments for a query that reads no day of a part but the last (`max(o.date_key)`): with no date
 * range, `{{orders}} o` holds the parts Gold added up over every day by customer version and place
 * (gold_agg_order_totals, or under a category gold_agg_category_order_totals: agg-order-totals.sql, 15 and 6
 * times fewer rows at 1M lines), with the same columns but order_once and order_key, and `{{order_count}}`
 * counts over those.
 */
export function orderPartsOverEveryDay(filters: KpiFilters): { orders: string; order_count: string } {
	if (filters.from !== undefined || filters.to !== undefined) return orderParts(filters);
	return orderSums(filters.category === undefined ? ORDER_TOTALS : CATEGORY_ORDER_TOTALS, filters);
}

/**
 * The same fragments over the order parts summed by day and place (gold_agg_daily_orders, or under a
 * category gold_agg_daily_category_orders): `{{orders}} o` has date_key, channel, city, state, region,
 * is_spike and net_amount, a few rows a day, for the queries that need no customer.
 */
export function dailyOrders(filters: KpiFilters): { orders: string; order_count: string } {
	return orderSums(filters.category === undefined ? 'gold_agg_daily_orders' : CATEGORY_DAILY_ORDERS, filters);
}

/** The fragments over a table of order sums (a category column where the filters name one). */
function orderSums(table: string, filters: KpiFilters): { orders: string; order_count: string } {
	return {
		orders: `(SELECT * FROM ${table} o WHERE ${dailyAggregateConditions(filters, 'o')})`,
		order_count: SUMMED_ORDER_COUNT
	};
}
