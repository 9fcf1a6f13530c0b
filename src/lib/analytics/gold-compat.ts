import aggStockDrawsSql from '../pipeline/gold/agg-stock-draws.sql?raw';
import { orderKeysOf } from '../pipeline/gold/order-keys';
import {
	createCategoryCustomerMonths,
	createCategoryOrderTotals,
	createCustomerMonths,
	createDailyCategoryOrders,
	createOrderCategoryParts,
	createProductSales,
	DAILY_ORDERS,
	FACT_ORDERS,
	ORDER_TOTALS
} from '../pipeline/gold/order-parts';
import type { SqlEngine } from '../sql/sql-engine';
import type { StandIns } from './gold-tables';

/**
 * Gold published by an earlier build lacks columns the dashboards now read; each is added to the loaded
 * table as that build's next run would write it, so an existing lake keeps answering until a run rewrites
 * its Gold. Called after a Gold table is loaded from Parquet.
 */
export async function addMissingGoldColumns(sql: SqlEngine, table: string): Promise<void> {
	if (table !== 'gold_fact_sales' || (await hasColumn(sql, table, 'order_key'))) return;
	// As the pipeline numbers them, over the orders in Gold rather than in Silver.
	await sql.exec(`CREATE OR REPLACE TABLE gold_fact_sales AS
		SELECT f.*, o.order_key
		FROM gold_fact_sales f
		JOIN (${orderKeysOf('gold_fact_sales')}) o ON o.order_id = f.order_id`);
}

async function hasColumn(sql: SqlEngine, table: string, column: string): Promise<boolean> {
	const { rows } = await sql.query(
		`SELECT count(*) AS n FROM information_schema.columns
		 WHERE table_name = '${table}' AND column_name = '${column}'`
	);
	return Number(rows[0].n) > 0;
}

/**
 * The Gold tables an earlier build did not publish, each with the tables it is made from (published, or
 * themselves made here) and how.
 */
const STAND_INS: Record<string, { sources: string[]; make: (sql: SqlEngine) => Promise<void> }> = {
	gold_fact_orders: { sources: ['gold_fact_sales'], make: (sql) => sql.exec(FACT_ORDERS) },
	gold_fact_order_categories: {
		sources: ['gold_fact_sales', 'gold_dim_product'],
		make: createOrderCategoryParts
	},
	gold_agg_product_sales: {
		sources: ['gold_fact_sales', 'gold_dim_product'],
		make: createProductSales
	},
	gold_agg_daily_orders: {
		sources: ['gold_fact_orders', 'gold_dim_store', 'gold_dim_customer'],
		make: (sql) => sql.exec(DAILY_ORDERS)
	},
	gold_agg_daily_category_orders: {
		sources: ['gold_fact_order_categories', 'gold_dim_store', 'gold_dim_customer', 'gold_dim_product'],
		make: createDailyCategoryOrders
	},
	gold_agg_order_totals: { sources: ['gold_fact_orders'], make: (sql) => sql.exec(ORDER_TOTALS) },
	gold_agg_category_order_totals: {
		sources: ['gold_fact_order_categories', 'gold_dim_product'],
		make: createCategoryOrderTotals
	},
	gold_agg_customer_months: { sources: ['gold_fact_orders'], make: createCustomerMonths },
	gold_agg_category_customer_months: {
		sources: ['gold_fact_orders', 'gold_fact_order_categories', 'gold_dim_product'],
		make: createCategoryCustomerMonths
	},
	gold_agg_stock_draws: {
		sources: ['gold_fact_sales', 'gold_fact_shipments'],
		make: (sql) => sql.exec(aggStockDrawsSql)
	}
};

/** Makes the Gold tables an earlier build did not publish as a run does, in `sql` (GoldTables' stand-ins). */
export function earlierGoldStandIns(sql: SqlEngine): StandIns {
	return {
		sourcesOf: (table) => STAND_INS[table]?.sources,
		make: (table) => STAND_INS[table].make(sql)
	};
}
