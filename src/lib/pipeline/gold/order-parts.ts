import { fillSql } from '../../sql/sql-template';
import orderPartsSql from './order-parts.sql?raw';

/** gold_fact_orders: the orders' parts (order-parts.sql), which the dashboards count orders on. */
export const FACT_ORDERS = fillSql(orderPartsSql, {
	table: 'gold_fact_orders',
	lines: 'gold_fact_sales',
	split: '',
	sort: 'p.date_key, p.order_key, p.is_spike, p.is_return'
});

/**
 * gold_fact_order_categories: the orders' parts split by product category, for the dashboards under a
 * category filter. Sorted by category first, so a filter on one skips the other categories' row groups.
 */
export const FACT_ORDER_CATEGORIES = fillSql(orderPartsSql, {
	table: 'gold_fact_order_categories',
	lines:
		'(SELECT f.*, d.category FROM gold_fact_sales f JOIN gold_dim_product d ON d.product_sk = f.product_sk)',
	split: ', category',
	sort: 'p.category, p.date_key, p.order_key, p.is_spike, p.is_return'
});
