import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { buildSalesAggregates } from './sales-aggregates';

/**
 * A hand-made Gold lake for the customer KPIs, January–June 2024 (last sales day 2024-06-30): five customers
 * and an UNKNOWN order. Cost is half of every line's net amount. Only the columns the KPI queries read
 * (one store for all).
 *
 * Customer versions (gold_dim_customer, SCD2 on city):
 * - C1 Asha Rao moved from Mumbai (customer_sk 1, from 2024-01-10) to Delhi (customer_sk 2, from
 *   2024-06-01): O1 and O2 (150) before the move, O3 (150) after it.
 * - C3 Meera Iyer moved from Pune (customer_sk 4, from 2024-01-15) to Mumbai (customer_sk 8, from
 *   2024-06-10 09:30) after her last order: 50 before, nothing after.
 * - C2 Vikram Singh in Pune (3), C4 (no name) in Delhi (5), C5 Kabir Shah in Delhi (6), UNKNOWN (7, no city).
 */
export async function createCustomerFixture(sql: SqlEngine): Promise<void> {
	await sql.exec(`
		CREATE OR REPLACE TABLE gold_dim_product AS
		SELECT * FROM (VALUES (1, 'Electronics'), (2, 'Apparel')) t(product_sk, category);

		CREATE OR REPLACE TABLE gold_dim_customer AS
		SELECT customer_sk, customer_id, customer_name, city,
			CAST(valid_from AS TIMESTAMP) AS valid_from, CAST(valid_to AS TIMESTAMP) AS valid_to,
			valid_to IS NULL AS is_current, version
		FROM (VALUES
			(1, 'C1', 'Asha Rao', 'Mumbai', '2024-01-10', '2024-06-01', 1),
			(2, 'C1', 'Asha Rao', 'Delhi', '2024-06-01', NULL, 2),
			(3, 'C2', 'Vikram Singh', 'Pune', '2024-02-01', NULL, 1),
			(4, 'C3', 'Meera Iyer', 'Pune', '2024-01-15', '2024-06-10 09:30:00', 1),
			(8, 'C3', 'Meera Iyer', 'Mumbai', '2024-06-10 09:30:00', NULL, 2),
			(5, 'C4', NULL, 'Delhi', '2024-06-01', NULL, 1),
			(6, 'C5', 'Kabir Shah', 'Delhi', '2024-03-10', NULL, 1),
			(7, 'UNKNOWN', NULL, NULL, '2024-01-10', NULL, 1)
		) t(customer_sk, customer_id, customer_name, city, valid_from, valid_to, version);

		CREATE OR REPLACE TABLE gold_fact_sales AS
		SELECT order_id, line_no, date_key, product_sk, 1 AS store_sk, customer_sk, customer_id, channel, city, quantity,
			CAST(net_amount AS DECIMAL(12,2)) AS net_amount, CAST(net_amount / 2 AS DECIMAL(14,2)) AS cost_amount,
			order_id = 'O4' AS is_spike, false AS is_return,
			-- The pipeline's order_key: the orders numbered 1…n in order_id order.
			CAST(dense_rank() OVER (ORDER BY order_id) AS INTEGER) AS order_key
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
			('O12', 1, 20240625, 1, 7, 'UNKNOWN', 'pos', 'Delhi', 1, 999)
		) t(order_id, line_no, date_key, product_sk, customer_sk, customer_id, channel, city, quantity, net_amount);
	`);
	await buildSalesAggregates(sql);
}
