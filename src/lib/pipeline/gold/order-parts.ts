import type { SqlEngine } from '../../sql/sql-engine';
import { quoteLiteral } from '../../sql/sql-text';
import { fillSql } from '../../sql/sql-template';
import { withTempTable } from '../../sql/temp-table';
import aggCategoryCustomerMonthsSql from './agg-category-customer-months.sql?raw';
import aggCustomerMonthsSql from './agg-customer-months.sql?raw';
import aggDailyOrdersSql from './agg-daily-orders.sql?raw';
import aggOrderTotalsSql from './agg-order-totals.sql?raw';
import aggProductSalesSql from './agg-product-sales.sql?raw';
import customerFirstMonthsSql from './customer-first-months.sql?raw';
import orderPartsSql from './order-parts.sql?raw';

/** The order parts' order: by day, then order. */
const BY_DAY = 'p.date_key, p.order_key, p.is_spike, p.is_return';

/** The daily order sums' order: by day, then place. */
const BY_DAY_AND_PLACE = 'date_key, channel, city, state';

/** gold_fact_orders: the orders' parts (order-parts.sql), which the dashboards count orders on. */
export const FACT_ORDERS = `CREATE OR REPLACE TABLE gold_fact_orders AS
${fillSql(orderPartsSql, { lines: 'gold_fact_sales', split: '', sort: BY_DAY })}`;

/** gold_agg_daily_orders: the order parts summed by day and place (agg-daily-orders.sql). */
export const DAILY_ORDERS = `CREATE OR REPLACE TABLE gold_agg_daily_orders AS
${fillSql(aggDailyOrdersSql, { parts: 'gold_fact_orders', grain: '', sort: BY_DAY_AND_PLACE })}`;

/**
 * gold_agg_order_totals (agg-order-totals.sql): gold_fact_orders added up over every day by customer version and
 * place, what the dashboards read for their order parts when no date range is set.
 */
export const ORDER_TOTALS = `CREATE OR REPLACE TABLE gold_agg_order_totals AS
${fillSql(aggOrderTotalsSql, { parts: 'gold_fact_orders', grain: '' })}`;

/**
 * gold_fact_order_categories: the orders' parts split by product category, for the dashboards under a
 * category filter; by category first, so a filter on one skips the other categories' row groups.
 */
export function createOrderCategoryParts(sql: SqlEngine): Promise<void> {
	return createByCategory(sql, 'gold_fact_order_categories', (inCategory) =>
		fillSql(orderPartsSql, { lines: categoryLines(inCategory), split: ', category', sort: BY_DAY })
	);
}

/** gold_agg_daily_category_orders: gold_fact_order_categories summed by day and place, by category first. */
export function createDailyCategoryOrders(sql: SqlEngine): Promise<void> {
	return createByCategory(sql, 'gold_agg_daily_category_orders', (inCategory) =>
		fillSql(aggDailyOrdersSql, {
			parts: `(SELECT * FROM gold_fact_order_categories WHERE ${inCategory('category')})`,
			grain: ', category',
			sort: BY_DAY_AND_PLACE
		})
	);
}

/**
 * gold_agg_category_order_totals: gold_fact_order_categories added up over every day (agg-order-totals.sql), by
 * category first: what a category filter reads with no date range.
 */
export function createCategoryOrderTotals(sql: SqlEngine): Promise<void> {
	return createByCategory(sql, 'gold_agg_category_order_totals', (inCategory) =>
		fillSql(aggOrderTotalsSql, {
			parts: `(SELECT * FROM gold_fact_order_categories WHERE ${inCategory('category')})`,
			grain: ', category'
		})
	);
}

/** gold_agg_customer_months (agg-customer-months.sql): the customers of each month, counted from gold_fact_orders. */
export function createCustomerMonths(sql: SqlEngine): Promise<void> {
	return withTempTable(sql, customerFirstMonthsSql, (firstMonths) => customerMonths(sql, firstMonths));
}

/**
 * gold_agg_category_customer_months (agg-category-customer-months.sql): the customers of each category's months,
 * counted from gold_fact_order_categories; by category first.
 */
export function createCategoryCustomerMonths(sql: SqlEngine): Promise<void> {
	return withTempTable(sql, customerFirstMonthsSql, (firstMonths) =>
		categoryCustomerMonths(sql, firstMonths)
	);
}

/** Both customer months tables, each customer's first month (customer-first-months.sql) taken out once. */
export function createAllCustomerMonths(sql: SqlEngine): Promise<void> {
	return withTempTable(sql, customerFirstMonthsSql, async (firstMonths) => {
		await customerMonths(sql, firstMonths);
		await categoryCustomerMonths(sql, firstMonths);
	});
}

function customerMonths(sql: SqlEngine, firstMonths: string): Promise<void> {
	return sql.exec(`CREATE OR REPLACE TABLE gold_agg_customer_months AS
		${fillSql(aggCustomerMonthsSql, { parts: 'gold_fact_orders', first_months: firstMonths })}`);
}

function categoryCustomerMonths(sql: SqlEngine, firstMonths: string): Promise<void> {
	return createByCategory(sql, 'gold_agg_category_customer_months', (inCategory) =>
		fillSql(aggCategoryCustomerMonthsSql, {
			parts: `(SELECT * FROM gold_fact_order_categories WHERE ${inCategory('category')})`,
			first_months: firstMonths
		})
	);
}

/** gold_agg_product_sales (agg-product-sales.sql): the lines summed for the Sales page's top products. */
export function createProductSales(sql: SqlEngine): Promise<void> {
	return createByCategory(sql, 'gold_agg_product_sales', (inCategory) =>
		fillSql(aggProductSalesSql, { lines: categoryLines(inCategory) })
	);
}

/** The condition that a category column holds one category (`IS NULL` for none), or `false`. */
type InCategory = (column: string) => string;

/** The sales lines of a category, each with its product's `category`. */
function categoryLines(inCategory: InCategory): string {
	return `(SELECT f.*, d.category FROM gold_fact_sales f
		JOIN gold_dim_product d ON d.product_sk = f.product_sk WHERE ${inCategory('d.category')})`;
}

/**
 * Makes `table` from `select` over one product category at a time (`inCategory` names it): over all 10M
 * lines of the bench's largest lake at once, these statements ran DuckDB-WASM out of its 3.1 GiB at Gold;
 * one category's lines need a fraction of that.
 */
async function createByCategory(
	sql: SqlEngine,
	table: string,
	select: (inCategory: InCategory) => string
): Promise<void> {
	const { rows } = await sql.query(
		'SELECT DISTINCT category FROM gold_dim_product ORDER BY category NULLS LAST'
	);
	await sql.exec(`CREATE OR REPLACE TABLE ${table} AS ${select(() => 'false')}`);
	for (const { category } of rows) {
		const inCategory: InCategory = (column) =>
			category === null ? `${column} IS NULL` : `${column} = ${quoteLiteral(String(category))}`;
		await sql.exec(`INSERT INTO ${table} ${select(inCategory)}`);
	}
}
