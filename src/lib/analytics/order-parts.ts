import { dailyAggregateConditions, orderPartConditions, type KpiFilters } from './filters';

/** The orders' parts split by product category: what the dashboards read under a category filter. */
export const CATEGORY_ORDER_PARTS = 'gold_fact_order_categories';

/** Those parts summed by day and place (agg-daily-orders.sql): what the charts read under a category filter. */
export const CATEGORY_DAILY_ORDERS = 'gold_agg_daily_category_orders';

/** The distinct orders among order parts `o` (gold_fact_orders' `order_once`), as an INTEGER expression. */
const ORDER_COUNT = `CAST(count(*) FILTER (WHERE o.order_once)
		+ count(DISTINCT o.order_key) FILTER (WHERE o.order_once IS NULL AND NOT o.is_return) AS INTEGER)`;

/**
 * The order parts (gold_fact_orders' columns) of the sales lines matching the filters, as a relation to
 * name `o`: read from gold_fact_orders, or under a category from gold_fact_order_categories (a category
 * splits an order: there each part holds one category's lines, and order_once counts the orders with a
 * line in it).
 */
export function orderPartsMatching(filters: KpiFilters): string {
	if (filters.category === undefined)
		return `(SELECT * FROM gold_fact_orders o WHERE ${orderPartConditions(filters, 'o')})`;
	return `(SELECT * FROM ${CATEGORY_ORDER_PARTS} o WHERE ${dailyAggregateConditions(filters, 'o')})`;
}

/**
 * The fragments of a query over the order parts of the sales matching the filters: `{{orders}} o` and the
 * distinct orders among them, `{{order_count}}`.
 */
export function orderParts(filters: KpiFilters): { orders: string; order_count: string } {
	return { orders: orderPartsMatching(filters), order_count: ORDER_COUNT };
}

/** The distinct orders among daily order sums `o` (agg-daily-orders.sql), as an INTEGER expression. */
const DAILY_ORDER_COUNT = 'CAST(sum(o.whole_orders) + count(DISTINCT o.split_order_key) AS INTEGER)';

/**
 * The same fragments over the order parts summed by day and place (gold_agg_daily_orders, or under a
 * category gold_agg_daily_category_orders): `{{orders}} o` has date_key, channel, city, state, region,
 * is_spike and net_amount, a few rows a day, for the queries that need no customer.
 */
export function dailyOrders(filters: KpiFilters): { orders: string; order_count: string } {
	const table = filters.category === undefined ? 'gold_agg_daily_orders' : CATEGORY_DAILY_ORDERS;
	return {
		orders: `(SELECT * FROM ${table} o WHERE ${dailyAggregateConditions(filters, 'o')})`,
		order_count: DAILY_ORDER_COUNT
	};
}
