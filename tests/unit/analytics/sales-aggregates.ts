import { STOCK_DRAWS, summarizeSales } from '../../../src/lib/pipeline/gold/build-gold';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';

/**
 * (Re)builds what Gold sums the sales up into (gold_agg_daily_sales, gold_agg_product_sales, gold_fact_orders,
 * gold_fact_order_categories) from a fixture's gold_fact_sales and gold_dim_product with the pipeline's own
 * SQL, as a run would; call it again after changing the facts.
 */
export async function buildSalesAggregates(sql: SqlEngine): Promise<void> {
	await summarizeSales(sql);
}

/**
 * (Re)builds gold_agg_stock_draws from a fixture's gold_fact_sales and gold_fact_shipments with the pipeline's
 * own SQL; call it again after changing either.
 */
export async function buildStockDraws(sql: SqlEngine): Promise<void> {
	await sql.exec(STOCK_DRAWS);
}
