import type { SqlEngine } from '../../sql/sql-engine';
import { quoteLiteral } from '../../sql/sql-text';
import { fillSql } from '../../sql/sql-template';
import aggProductSalesSql from './agg-product-sales.sql?raw';
import orderPartsSql from './order-parts.sql?raw';

/** The order parts' order: by day, then order. */
const BY_DAY = 'p.date_key, p.order_key, p.is_spike, p.is_return';

/** gold_fact_orders: the orders' parts (order-parts.sql), which the dashboards count orders on. */
export const FACT_ORDERS = `CREATE OR REPLACE TABLE gold_fact_orders AS
${fillSql(orderPartsSql, { lines: 'gold_fact_sales', split: '', sort: BY_DAY })}`;

/**
 * gold_fact_order_categories: the orders' parts split by product category, for the dashboards under a
 * category filter; by category first, so a filter on one skips the other categories' row groups.
 */
export function createOrderCategoryParts(sql: SqlEngine): Promise<void> {
	return createByCategory(sql, 'gold_fact_order_categories', (lines) =>
		fillSql(orderPartsSql, { lines, split: ', category', sort: BY_DAY })
	);
}

/** gold_agg_product_sales (agg-product-sales.sql): the lines summed for the Sales page's top products. */
export function createProductSales(sql: SqlEngine): Promise<void> {
	return createByCategory(sql, 'gold_agg_product_sales', (lines) => fillSql(aggProductSalesSql, { lines }));
}

/**
 * Makes `table` from `select` over the lines of each product category in turn (the lines with their product's
 * `category`): over all 10M lines of the bench's largest lake at once, these statements ran DuckDB-WASM out of
 * its 3.1 GiB at Gold; one category's lines need a fraction of that.
 */
async function createByCategory(
	sql: SqlEngine,
	table: string,
	select: (lines: string) => string
): Promise<void> {
	const lines = (condition: string) => `(SELECT f.*, d.category FROM gold_fact_sales f
		JOIN gold_dim_product d ON d.product_sk = f.product_sk WHERE ${condition})`;
	const { rows } = await sql.query(
		'SELECT DISTINCT category FROM gold_dim_product ORDER BY category NULLS LAST'
	);
	await sql.exec(`CREATE OR REPLACE TABLE ${table} AS ${select(lines('false'))}`);
	for (const { category } of rows) {
		const condition =
			category === null ? 'd.category IS NULL' : `d.category = ${quoteLiteral(String(category))}`;
		await sql.exec(`INSERT INTO ${table} ${select(lines(condition))}`);
	}
}
