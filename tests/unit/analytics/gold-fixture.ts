import type { SqlEngine } from '../../../src/lib/sql/sql-engine';

/**
 * A hand-made Gold lake for the commercial KPIs: ten days of January 2024 (Monday the 1st), festival days
 * the 5th and 6th, three products in three categories, five orders of six lines (one by UNKNOWN).
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

		CREATE OR REPLACE TABLE gold_dim_date AS
		SELECT CAST(strftime(day, '%Y%m%d') AS INTEGER) AS date_key, CAST(day AS DATE) AS date,
			day IN (DATE '2024-01-05', DATE '2024-01-06') AS is_festival
		FROM range(DATE '2024-01-01', DATE '2024-01-11', INTERVAL 1 DAY) r(day);

		CREATE OR REPLACE TABLE gold_fact_sales AS
		SELECT order_id, line_no, date_key, product_sk, customer_id, channel, city, quantity,
			CAST(net_amount AS DECIMAL(12,2)) AS net_amount, CAST(cost_amount AS DECIMAL(14,2)) AS cost_amount
		FROM (VALUES
			('O1', 1, 20240101, 1, 'C1', 'pos', 'Mumbai', 1, 100, 60),
			('O1', 2, 20240101, 2, 'C1', 'pos', 'Mumbai', 2, 40, 16),
			('O2', 1, 20240105, 2, 'C2', 'web', 'Delhi', 3, 60, 24),
			('O3', 1, 20240106, 1, 'C1', 'web', 'Mumbai', 1, 90, 60),
			('O4', 1, 20240108, 3, 'UNKNOWN', 'pos', 'Delhi', 10, 50, 40),
			('O5', 1, 20240110, 1, 'C3', 'pos', 'Delhi', 2, 200, 120)
		) t(order_id, line_no, date_key, product_sk, customer_id, channel, city, quantity, net_amount, cost_amount);
	`);
}
