import { STOCK_DRAWS, summarizeSales } from '../../../src/lib/pipeline/gold/build-gold';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';

/**
 * (Re)builds what Gold sums the sales up into (gold_agg_daily_sales, gold_agg_product_sales, gold_fact_orders,
 * gold_fact_order_categories, their sums by day and over every day, the customers of each month) from a fixture's
 * gold_fact_sales and gold_dim_product with the pipeline's own SQL, as a run would; call it again after
 * changing the facts. A fixture that models no stores or no customer states gets none (no store row, states
 * NULL), so its sales place in no state or region.
 */
export async function buildSalesAggregates(sql: SqlEngine): Promise<void> {
	await sql.exec(`
		CREATE TABLE IF NOT EXISTS gold_dim_store AS
		SELECT 0 AS store_sk, '' AS city, '' AS state, '' AS region WHERE false;
		CREATE TABLE IF NOT EXISTS gold_dim_customer AS SELECT 0 AS customer_sk WHERE false;
		ALTER TABLE gold_dim_customer ADD COLUMN IF NOT EXISTS state VARCHAR;
	`);
	await summarizeSales(sql);
}

/**
 * (Re)builds gold_agg_stock_draws from a fixture's gold_fact_sales and gold_fact_shipments with the pipeline's
 * own SQL; call it again after changing either.
 */
export async function buildStockDraws(sql: SqlEngine): Promise<void> {
	await sql.exec(STOCK_DRAWS);
}
