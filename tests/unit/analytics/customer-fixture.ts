import type { SqlEngine } from '../../../src/lib/sql/sql-engine';

/**
 * A hand-made Gold lake for the customer KPIs, January–June 2024 (last sales day 2024-06-30): five customers
 * and an UNKNOWN order; C1 moved from Mumbai (customer_sk 1) to Delhi (customer_sk 2) before order O3.
 * Cost is half of every line's net amount. Only the columns the KPI queries read.
 */
export async function createCustomerFixture(sql: SqlEngine): Promise<void> {
	await sql.exec(`
		CREATE OR REPLACE TABLE gold_dim_product AS
		SELECT * FROM (VALUES (1, 'Electronics'), (2, 'Apparel')) t(product_sk, category);

		CREATE OR REPLACE TABLE gold_fact_sales AS
		SELECT order_id, line_no, date_key, product_sk, customer_sk, customer_id, channel, city, quantity,
			CAST(net_amount AS DECIMAL(12,2)) AS net_amount, CAST(net_amount / 2 AS DECIMAL(14,2)) AS cost_amount
		FROM (VALUES
			('O1', 1, 20240110, 1, 1, 'C1', 'pos', 'Mumbai', 1, 100),
			('O2', 1, 20240305, 1, 1, 'C1', 'pos', 'Mumbai', 1, 50),
			('O3', 1, 20240630, 1, 2, 'C1', 'web', 'Delhi', 1, 150),
			('O4', 1, 20240201, 2, 3, 'C2', 'pos', 'Pune', 1, 400),
			('O5', 1, 20240115, 1, 4, 'C3', 'web', 'Pune', 1, 20),
			('O6', 1, 20240120, 1, 4, 'C3', 'web', 'Pune', 1, 30),
			('O7', 1, 20240601, 2, 5, 'C4', 'pos', 'Delhi', 1, 5),
			('O7', 2, 20240601, 1, 5, 'C4', 'pos', 'Delhi', 1, 5),
			('O8', 1, 20240310, 1, 6, 'C5', 'pos', 'Delhi', 1, 60),
			('O9', 1, 20240520, 1, 6, 'C5', 'web', 'Delhi', 1, 60),
			('O10', 1, 20240615, 1, 6, 'C5', 'pos', 'Delhi', 1, 80),
			('O11', 1, 20240620, 1, 6, 'C5', 'pos', 'Delhi', 1, 50),
			('O12', 1, 20240625, 1, NULL, 'UNKNOWN', 'pos', 'Delhi', 1, 999)
		) t(order_id, line_no, date_key, product_sk, customer_sk, customer_id, channel, city, quantity, net_amount);
	`);
}
