import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { buildSalesAggregates, buildStockDraws } from './sales-aggregates';

/**
 * A hand-made Gold lake for the inventory KPIs: the two weeks of 2024-01-01 (Monday) … 2024-01-14 (14
 * calendar days), two stores (S1 Mumbai, S2 Delhi, plus WEB-ONLINE), three products, stock snapshots on
 * the Sundays 2024-01-07 and 2024-01-14, six sales lines (three web orders: W1 shipped from S2, W2 from
 * S1, W3 without a shipment). P2's name holds a comma and quotes (for the CSV). Only the columns the KPI
 * queries read.
 *
 * Stock rows (store, product: on_hand / reorder_level × unit_cost = stock_value; SO = stockout):
 *
 *                 2024-01-07                2024-01-14
 *   r1/r5 S1 P1   5 / 2 × 60 = 300          0 / 2 × 60 = 0     SO, alert
 *   r2/r6 S1 P2   0 / 5 × 8  = 0     SO     4 / 5 × 8  = 32    alert
 *   r3/r7 S2 P1   2 / 3 × 60 = 120          0 / 3 × 62 = 0     SO, alert (unit cost now 62)
 *   r4/r8 S2 P3   50 / 10 × 4 = 200         12 / 10 × 4 = 48   (12 > 10: no alert)
 *   per date      620                       80
 *
 * Sales (stock store = the POS store, or the web order's shipment origin):
 *
 *   O1 pos S1 P1 2024-01-03  2 units  cost 120   → S1
 *   O2 pos S2 P3 2024-01-05 30 units  cost 120   → S2 (flagged as a quantity spike)
 *   W1 web    P1 2024-01-09  1 unit   cost  60   → S2 (shipment origin)
 *   W2 web    P2 2024-01-10  5 units  cost  40   → S1 (shipment origin)
 *   W3 web    P3 2024-01-12 10 units  cost  40   → no store (no shipment)
 *   O3 pos S1 P2 2024-01-13  3 units  cost  24   → S1
 *
 * Worked out by hand (days = 14, snapshots = 2, annualising factor 365 / 14):
 *
 *   total:       avg stock (620 + 80) / 2 = 350; COGS 404; turnover 404 / 350 × 365 / 14 = 30.09;
 *                days of supply 350 ÷ (404 / 14) = 12.13; stockout 3 / 8 = 0.375;
 *                units 51, ending on hand 0 + 4 + 0 + 12 = 16, sell-through 51 / 67
 *   Electronics: avg (300 + 120) / 2 = 210; COGS 120 + 60 = 180; turnover 180 / 210 × 365 / 14 = 22.35;
 *                DoS 210 × 14 / 180 = 16.33; stockout 2 / 4; units 3, ending 0, sell-through 1
 *   Apparel:     avg 32 / 2 = 16; COGS 40 + 24 = 64; turnover 4 × 365 / 14 = 104.29; DoS 16 × 14 / 64 = 3.5;
 *                stockout 1 / 2; units 8, ending 4, sell-through 8 / 12
 *   Grocery:     avg (200 + 48) / 2 = 124; COGS 120 + 40 = 160; turnover 160 / 124 × 365 / 14 = 33.64;
 *                DoS 124 × 14 / 160 = 10.85; stockout 0 / 2; units 40, ending 12, sell-through 40 / 52
 *   S1:          avg (300 + 32) / 2 = 166; COGS 120 + 40 + 24 = 184; turnover 184 / 166 × 365 / 14 = 28.90;
 *                DoS 166 × 14 / 184 = 12.63; stockout 2 / 4; units 10, ending 4, sell-through 10 / 14
 *   S2:          avg (120 + 200 + 48) / 2 = 184; COGS 120 + 60 = 180; turnover 180 / 184 × 365 / 14 = 25.50;
 *                DoS 184 × 14 / 180 = 14.31; stockout 1 / 4; units 31, ending 12, sell-through 31 / 43
 *   (W3's 40 of COGS is in the total and Grocery, in no store: 184 + 180 = 404 − 40.)
 *
 *   stockout trend: 2024-01-07 1 / 4 = 0.25, 2024-01-14 2 / 4 = 0.5
 *   top stocked-out products: P1 2 of 4 rows, P2 1 of 2 rows (P3 never)
 *
 *   reorder alerts (2024-01-14), suggested qty = 2 × reorder level − on hand, cost = qty × unit cost:
 *     S2 P1: 2 × 3 − 0 = 6, 6 × 62 = 372
 *     S1 P1: 2 × 2 − 0 = 4, 4 × 60 = 240
 *     S1 P2: 2 × 5 − 4 = 6, 6 × 8 = 48
 *     3 alerts, 660 in all
 */
export async function createInventoryFixture(sql: SqlEngine): Promise<void> {
	await sql.exec(`
		CREATE OR REPLACE TABLE gold_dim_product AS
		SELECT * FROM (VALUES
			(1, 'P1', 'Phone', 'Electronics'),
			(2, 'P2', 'Shirt, "Slim"', 'Apparel'),
			(3, 'P3', 'Rice', 'Grocery')
		) t(product_sk, product_id, product_name, category);

		CREATE OR REPLACE TABLE gold_dim_store AS
		SELECT * FROM (VALUES
			(1, 'S1', 'Store One', 'Mumbai'),
			(2, 'S2', 'Store Two', 'Delhi'),
			(3, 'WEB-ONLINE', 'Online store', NULL)
		) t(store_sk, store_id, store_name, city);

		CREATE OR REPLACE TABLE gold_dim_date AS
		SELECT CAST(strftime(day, '%Y%m%d') AS INTEGER) AS date_key, CAST(day AS DATE) AS date
		FROM range(DATE '2024-01-01', DATE '2024-01-15', INTERVAL 1 DAY) r(day);

		CREATE OR REPLACE TABLE gold_fact_inventory AS
		SELECT date_key, store_sk, product_sk, on_hand, reorder_level,
			CAST(unit_cost AS DECIMAL(12,2)) AS unit_cost,
			CAST(on_hand * unit_cost AS DECIMAL(14,2)) AS stock_value,
			on_hand <= 0 AS is_stockout
		FROM (VALUES
			(20240107, 1, 1, 5, 2, 60),
			(20240107, 1, 2, 0, 5, 8),
			(20240107, 2, 1, 2, 3, 60),
			(20240107, 2, 3, 50, 10, 4),
			(20240114, 1, 1, 0, 2, 60),
			(20240114, 1, 2, 4, 5, 8),
			(20240114, 2, 1, 0, 3, 62),
			(20240114, 2, 3, 12, 10, 4)
		) t(date_key, store_sk, product_sk, on_hand, reorder_level, unit_cost);

		CREATE OR REPLACE TABLE gold_fact_sales AS
		SELECT order_id, date_key, product_sk, store_sk, channel, quantity,
			CAST(cost_amount AS DECIMAL(14,2)) AS cost_amount, quantity >= 30 AS is_spike, false AS is_return
		FROM (VALUES
			('O1', 20240103, 1, 1, 'pos', 2, 120),
			('O2', 20240105, 3, 2, 'pos', 30, 120),
			('W1', 20240109, 1, 3, 'web', 1, 60),
			('W2', 20240110, 2, 3, 'web', 5, 40),
			('W3', 20240112, 3, 3, 'web', 10, 40),
			('O3', 20240113, 2, 1, 'pos', 3, 24)
		) t(order_id, date_key, product_sk, store_sk, channel, quantity, cost_amount);

		CREATE OR REPLACE TABLE gold_fact_shipments AS
		SELECT * FROM (VALUES ('W1', 2), ('W2', 1), ('W9', 1)) t(order_id, origin_store_sk);
	`);
	await buildStockDraws(sql);
}

/**
 * A hand-made Gold lake for the logistics KPIs: ten shipments shipped January–February 2024 (days late =
 * delivery_days − promised_days) and six sales lines January–March for the seasonal demand.
 *
 *   shipment carrier   destination status      ship day  delivery / promised days  days late  bucket
 *   SH1      BlueDart  Mumbai      delivered   01-02     2 / 3                     −1         on time
 *   SH2      BlueDart  Delhi       delivered   01-03     3 / 3                      0         on time
 *   SH3      Delhivery Mumbai      delivered   01-05     5 / 4                      1         1 day
 *   SH4      Delhivery Delhi       delivered   01-10     6 / 4                      2         2 days
 *   SH5      DTDC      Mumbai      delivered   01-15     8 / 5                      3         3 days
 *   SH6      DTDC      Pune        delivered   02-01     10 / 5                     5         4–7 days
 *   SH7      DTDC      Pune        delivered   02-05     14 / 5                     9         8+ days
 *   SH8      BlueDart  Kolkata     in_transit  02-10     – / 3
 *   SH9      Delhivery Delhi       delayed     02-03     – / 4
 *   SH10     DTDC      Mumbai      returned    01-20     4 / 5   (not delivered: in no delivery measure)
 *
 * Worked out by hand (median and p90 interpolate linearly: position (n − 1) × q in the sorted days):
 *
 *   status: delivered 7 (0.7), in_transit 1, delayed 1, returned 1 (0.1 each)
 *   all:       10 shipments, delivered days 2 3 5 6 8 10 14: avg 48 / 7 = 6.86, median 6 (position 3),
 *              p90 position 5.4 → 10 + 0.4 × 4 = 11.6; on time 2 / 7
 *   BlueDart:  3 shipments, 2 3: avg 2.5, median 2.5, p90 2.9, on time 2 / 2 = 1
 *   Delhivery: 3 shipments, 5 6: avg 5.5, median 5.5, p90 5.9, on time 0 / 2 = 0
 *   DTDC:      4 shipments, 8 10 14: avg 10.67, median 10, p90 position 1.8 → 10 + 0.8 × 4 = 13.2, on time 0
 *   Mumbai:    4 shipments, 2 5 8: avg 5, median 5, p90 5 + 0.8 × 3 = 7.4, on time 1 / 3
 *   Delhi:     3 shipments, 3 6: avg 4.5, median 4.5, p90 5.7, on time 1 / 2
 *   Pune:      2 shipments, 10 14: avg 12, median 12, p90 13.6, on time 0
 *   Kolkata:   1 shipment, none delivered: avg, median, p90 and on-time rate null
 *   histogram: on time 2, 1 day 1, 2 days 1, 3 days 1, 4–7 days 1, 8+ days 1 (shares of 7)
 *
 *   sales lines (date, product, city, units, revenue):
 *     L1 2024-01-05 P1 Electronics Mumbai pos 1 100
 *     L2 2024-01-20 P2 Apparel     Delhi  web 2  40
 *     L3 2024-01-25 P1 Electronics Mumbai web 2 200
 *     L4 2024-02-10 P2 Apparel     Mumbai pos 3  60
 *     L5 2024-02-15 P3 Grocery     Delhi  pos 10 50
 *     L6 2024-03-01 P2 Apparel     Delhi  web 1  20
 *   seasonal demand: 2024-01 Apparel 2 / 40, 2024-01 Electronics 3 / 300, 2024-02 Apparel 3 / 60,
 *                    2024-02 Grocery 10 / 50, 2024-03 Apparel 1 / 20
 */
export async function createLogisticsFixture(sql: SqlEngine): Promise<void> {
	await sql.exec(`
		CREATE OR REPLACE TABLE gold_dim_product AS
		SELECT * FROM (VALUES (1, 'Electronics'), (2, 'Apparel'), (3, 'Grocery')) t(product_sk, category);

		CREATE OR REPLACE TABLE gold_dim_date AS
		SELECT CAST(strftime(day, '%Y%m%d') AS INTEGER) AS date_key, CAST(day AS DATE) AS date
		FROM range(DATE '2024-01-01', DATE '2024-04-01', INTERVAL 1 DAY) r(day);

		CREATE OR REPLACE TABLE gold_fact_shipments AS
		SELECT shipment_id, carrier, destination_city, status, ship_date_key,
			CAST(delivery_days AS INTEGER) AS delivery_days, CAST(promised_days AS INTEGER) AS promised_days
		FROM (VALUES
			('SH1', 'BlueDart', 'Mumbai', 'delivered', 20240102, 2, 3),
			('SH2', 'BlueDart', 'Delhi', 'delivered', 20240103, 3, 3),
			('SH3', 'Delhivery', 'Mumbai', 'delivered', 20240105, 5, 4),
			('SH4', 'Delhivery', 'Delhi', 'delivered', 20240110, 6, 4),
			('SH5', 'DTDC', 'Mumbai', 'delivered', 20240115, 8, 5),
			('SH6', 'DTDC', 'Pune', 'delivered', 20240201, 10, 5),
			('SH7', 'DTDC', 'Pune', 'delivered', 20240205, 14, 5),
			('SH8', 'BlueDart', 'Kolkata', 'in_transit', 20240210, NULL, 3),
			('SH9', 'Delhivery', 'Delhi', 'delayed', 20240203, NULL, 4),
			('SH10', 'DTDC', 'Mumbai', 'returned', 20240120, 4, 5)
		) t(shipment_id, carrier, destination_city, status, ship_date_key, delivery_days, promised_days);

		CREATE OR REPLACE TABLE gold_fact_sales AS
		SELECT order_id, date_key, product_sk, 1 AS store_sk, CAST(NULL AS INTEGER) AS customer_sk,
			'UNKNOWN' AS customer_id, channel, city, quantity,
			CAST(net_amount AS DECIMAL(12,2)) AS net_amount, CAST(0 AS DECIMAL(14,2)) AS cost_amount,
			false AS is_spike, false AS is_return,
			-- The pipeline's order_key: the orders numbered 1…n in order_id order.
			CAST(dense_rank() OVER (ORDER BY order_id) AS INTEGER) AS order_key
		FROM (VALUES
			('L1', 20240105, 1, 'pos', 'Mumbai', 1, 100),
			('L2', 20240120, 2, 'web', 'Delhi', 2, 40),
			('L3', 20240125, 1, 'web', 'Mumbai', 2, 200),
			('L4', 20240210, 2, 'pos', 'Mumbai', 3, 60),
			('L5', 20240215, 3, 'pos', 'Delhi', 10, 50),
			('L6', 20240301, 2, 'web', 'Delhi', 1, 20)
		) t(order_id, date_key, product_sk, channel, city, quantity, net_amount);
	`);
	await buildSalesAggregates(sql);
}
