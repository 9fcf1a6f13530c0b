import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { buildSalesAggregates } from './sales-aggregates';

/**
 * A hand-made Gold lake for the commercial KPIs: ten days of January 2024 (Monday the 1st), festival days
 * the 5th (Lohri) and 6th (Pongal), three products in three categories, five orders of six lines (one by
 * UNKNOWN). Stores: S1 Mumbai and S3 Pune (Maharashtra, West), S2 Delhi (Delhi, North), WEB-ONLINE (no
 * city). POS lines sit at S1 (Mumbai) or S2 (Delhi); the web lines' cities (Delhi, Mumbai) have stores.
 * Customer versions: C1 Mumbai, C2 and C3 Delhi, C4 Jaipur (Rajasthan, no store there), C5 Shimla (no state).
 * Only the columns the KPI queries read.
 */
export async function createCommercialFixture(sql: SqlEngine): Promise<void> {
	await sql.exec(`
		CREATE OR REPLACE TABLE gold_dim_product AS
		SELECT * FROM (VALUES
			(1, 'P1', 'Phone', 'Electronics', 60.00),
			(2, 'P2', 'Shirt', 'Apparel', 8.00),
			(3, 'P3', 'Rice', 'Grocery', 4.00)
		) t(product_sk, product_id, product_name, category, unit_cost);

		CREATE OR REPLACE TABLE gold_dim_store AS
		SELECT * FROM (VALUES
			(1, 'S1', 'Mumbai', 'Maharashtra', 'West'),
			(2, 'S2', 'Delhi', 'Delhi', 'North'),
			(3, 'S3', 'Pune', 'Maharashtra', 'West'),
			(4, 'WEB-ONLINE', NULL, NULL, NULL)
		) t(store_sk, store_id, city, state, region);

		CREATE OR REPLACE TABLE gold_dim_customer AS
		SELECT * FROM (VALUES
			(1, 'C1', 'Mumbai', 'Maharashtra'),
			(2, 'C2', 'Delhi', 'Delhi'),
			(3, 'C3', 'Delhi', 'Delhi'),
			(4, 'C4', 'Jaipur', 'Rajasthan'),
			(5, 'C5', 'Shimla', NULL),
			(6, 'UNKNOWN', NULL, NULL)
		) t(customer_sk, customer_id, city, state);

		CREATE OR REPLACE TABLE gold_dim_date AS
		SELECT CAST(strftime(day, '%Y%m%d') AS INTEGER) AS date_key, CAST(day AS DATE) AS date,
			CASE CAST(day AS DATE) WHEN DATE '2024-01-05' THEN 'Lohri' WHEN DATE '2024-01-06' THEN 'Pongal' END
				AS festival_name,
			day IN (DATE '2024-01-05', DATE '2024-01-06') AS is_festival
		FROM range(DATE '2024-01-01', DATE '2024-01-11', INTERVAL 1 DAY) r(day);

		CREATE OR REPLACE TABLE gold_fact_sales AS
		SELECT order_id, line_no, date_key, product_sk, store_sk, customer_sk, customer_id, channel, city, quantity,
			CAST(net_amount AS DECIMAL(12,2)) AS net_amount, CAST(cost_amount AS DECIMAL(14,2)) AS cost_amount,
			quantity >= 10 AS is_spike, false AS is_return,
			-- The pipeline's order_key: the orders numbered 1…n in order_id order.
			CAST(dense_rank() OVER (ORDER BY order_id) AS INTEGER) AS order_key
		FROM (VALUES
			('O1', 1, 20240101, 1, 1, 1, 'C1', 'pos', 'Mumbai', 1, 100, 60),
			('O1', 2, 20240101, 2, 1, 1, 'C1', 'pos', 'Mumbai', 2, 40, 16),
			('O2', 1, 20240105, 2, 4, 2, 'C2', 'web', 'Delhi', 3, 60, 24),
			('O3', 1, 20240106, 1, 4, 1, 'C1', 'web', 'Mumbai', 1, 90, 60),
			('O4', 1, 20240108, 3, 2, 6, 'UNKNOWN', 'pos', 'Delhi', 10, 50, 40),
			('O5', 1, 20240110, 1, 2, 3, 'C3', 'pos', 'Delhi', 2, 200, 120)
		) t(order_id, line_no, date_key, product_sk, store_sk, customer_sk, customer_id, channel, city, quantity,
			net_amount, cost_amount);
	`);
	await buildSalesAggregates(sql);
}

/**
 * Two more web orders on 2024-01-09 (sales: neither a spike nor a return) from cities without a store: O6
 * by C4 in Jaipur (Apparel, 30; C4's version says Rajasthan, where no store is, so no region) and O7 by C5
 * in Shimla (Grocery, 20; no state).
 */
export async function addUnmappedWebSales(sql: SqlEngine): Promise<void> {
	await sql.exec(`
		INSERT INTO gold_fact_sales VALUES
			('O6', 1, 20240109, 2, 4, 4, 'C4', 'web', 'Jaipur', 1, 30, 8, false, false, 6),
			('O7', 1, 20240109, 3, 4, 5, 'C5', 'web', 'Shimla', 2, 20, 8, false, false, 7);
	`);
	await buildSalesAggregates(sql);
}

/**
 * Two orders that make counting them hard: O8, web in Delhi on 2 Jan, one line by C2 (Apparel, 10) and one by
 * UNKNOWN (Grocery, 5), two customer versions, so it is counted by its order_key; O10, POS at S1 (Mumbai) on
 * 3 Jan, a sale line (Electronics, 80) and a return line (Apparel, −40).
 */
export async function addSplitAndReturnOrders(sql: SqlEngine): Promise<void> {
	await sql.exec(`
		INSERT INTO gold_fact_sales VALUES
			('O8', 1, 20240102, 2, 4, 2, 'C2', 'web', 'Delhi', 1, 10, 8, false, false, 8),
			('O8', 2, 20240102, 3, 4, 6, 'UNKNOWN', 'web', 'Delhi', 1, 5, 4, false, false, 8),
			('O10', 1, 20240103, 1, 1, 1, 'C1', 'pos', 'Mumbai', 2, 80, 120, false, false, 10),
			('O10', 2, 20240103, 2, 1, 1, 'C1', 'pos', 'Mumbai', -1, -40, -8, false, true, 10);
	`);
	await buildSalesAggregates(sql);
}
