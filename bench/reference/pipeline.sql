-- The yardstick of `pipeline_vs_duckdb_script` (docs/benchmark.md): the pipeline's logical work as an analyst
-- would script it in plain DuckDB, without the app: read the raw files, keep typed rows (rejects aside), clean
-- them by the same quality rules, build the star schema and write every layer as zstd Parquet. The bench runs
-- it on native DuckDB with 2 threads, {{lake}} replaced by a generated lake's folder and {{out}} by a new one.
-- What it leaves out, so the ratio flatters the script a little: incremental ingestion by file hash, the row
-- lineage columns, the quality report, and the atomic publish of a versioned manifest.

-- Bronze: every raw file read with its contract's types; a row that does not parse is kept aside.
CREATE TABLE bronze_pos_sales AS
SELECT * FROM read_csv('{{lake}}/raw/pos_sales/*.csv', header = true, store_rejects = true,
	rejects_scan = 'rejects_scan_pos', rejects_table = 'rejects_pos_sales',
	columns = {'invoice_no': 'VARCHAR', 'invoice_date': 'TIMESTAMP', 'store_id': 'VARCHAR', 'store_city': 'VARCHAR',
		'customer_id': 'VARCHAR', 'product_id': 'VARCHAR', 'product_name': 'VARCHAR', 'category': 'VARCHAR',
		'quantity': 'INTEGER', 'unit_price': 'DECIMAL(12,2)', 'total_amount': 'DECIMAL(14,2)',
		'payment_method': 'VARCHAR'});

CREATE TABLE bronze_web_orders AS
SELECT * FROM read_ndjson('{{lake}}/raw/web_orders/*.ndjson', ignore_errors = true,
	columns = {'order_id': 'VARCHAR', 'order_date': 'TIMESTAMP', 'customer_id': 'VARCHAR',
		'customer_name': 'VARCHAR', 'customer_city': 'VARCHAR', 'product_id': 'VARCHAR', 'product_name': 'VARCHAR',
		'category': 'VARCHAR', 'quantity': 'INTEGER', 'unit_price': 'DECIMAL(12,2)', 'total_amount': 'DECIMAL(14,2)',
		'payment_method': 'VARCHAR', 'delivery_address': 'VARCHAR'});

CREATE TABLE bronze_inventory AS
SELECT * FROM read_csv('{{lake}}/raw/inventory/*.csv', header = true, store_rejects = true,
	rejects_scan = 'rejects_scan_inventory', rejects_table = 'rejects_inventory',
	columns = {'snapshot_date': 'DATE', 'store_id': 'VARCHAR', 'store_city': 'VARCHAR', 'product_id': 'VARCHAR',
		'product_name': 'VARCHAR', 'category': 'VARCHAR', 'quantity_on_hand': 'INTEGER', 'reorder_level': 'INTEGER',
		'unit_cost': 'DECIMAL(12,2)'});

CREATE TABLE bronze_shipments AS
SELECT * FROM read_csv('{{lake}}/raw/shipments/*.csv', header = true, store_rejects = true,
	rejects_scan = 'rejects_scan_shipments', rejects_table = 'rejects_shipments',
	columns = {'shipment_id': 'VARCHAR', 'order_id': 'VARCHAR', 'origin_store': 'VARCHAR',
		'destination_city': 'VARCHAR', 'ship_date': 'TIMESTAMP', 'delivery_date': 'TIMESTAMP', 'status': 'VARCHAR',
		'carrier': 'VARCHAR', 'promised_date': 'DATE'});

CREATE TABLE bronze_products AS
SELECT * FROM read_csv('{{lake}}/raw/products/*.csv', header = true,
	columns = {'product_id': 'VARCHAR', 'product_name': 'VARCHAR', 'category': 'VARCHAR',
		'list_price': 'DECIMAL(12,2)', 'unit_cost': 'DECIMAL(12,2)'});

CREATE TABLE bronze_stores AS
SELECT * FROM read_csv('{{lake}}/raw/stores/*.csv', header = true,
	columns = {'store_id': 'VARCHAR', 'store_name': 'VARCHAR', 'city': 'VARCHAR', 'state': 'VARCHAR',
		'region': 'VARCHAR', 'format': 'VARCHAR', 'opened_on': 'DATE'});

CREATE TABLE bronze_customers AS
SELECT * FROM read_csv('{{lake}}/raw/customers/*.csv', header = true,
	columns = {'customer_id': 'VARCHAR', 'customer_name': 'VARCHAR', 'city': 'VARCHAR', 'state': 'VARCHAR',
		'signup_date': 'DATE', 'extracted_at': 'TIMESTAMP'});

-- Silver: exact duplicates dropped; future events, negative prices and quantities outside 1…10,000 held back;
-- a blank customer is UNKNOWN; a line's quantity above max(Q3 + 3·IQR, 50) of its product is a flagged spike.
CREATE TABLE silver_sales_lines AS
WITH lines AS (
	SELECT DISTINCT ON (invoice_no, invoice_date, store_id, product_id, quantity, unit_price, store_city,
		customer_id, payment_method)
		invoice_no AS order_id, 'pos' AS channel, invoice_date AS ts, store_id, store_city AS city, customer_id,
		product_id, quantity, unit_price, payment_method
	FROM bronze_pos_sales
	UNION ALL
	SELECT DISTINCT ON (order_id, order_date, customer_id, customer_city, product_id, quantity, unit_price,
		payment_method)
		order_id, 'web', order_date, 'WEB-ONLINE', customer_city, customer_id, product_id, quantity, unit_price,
		payment_method
	FROM bronze_web_orders
),
kept AS (
	SELECT * FROM lines
	WHERE ts <= now()::TIMESTAMP AND unit_price >= 0 AND quantity BETWEEN 1 AND 10000
),
fences AS (
	SELECT product_id, greatest(q[2] + 3 * (q[2] - q[1]), 50) AS fence
	FROM (SELECT product_id, quantile_cont(quantity, [0.25, 0.75]) AS q FROM kept GROUP BY product_id)
)
SELECT
	k.order_id, row_number() OVER (PARTITION BY k.order_id ORDER BY k.product_id) AS line_no, k.channel, k.ts,
	k.store_id, CASE WHEN trim(k.customer_id) <> '' THEN k.customer_id ELSE 'UNKNOWN' END AS customer_id, k.city,
	k.product_id, k.quantity, k.unit_price, CAST(k.quantity * k.unit_price AS DECIMAL(14,2)) AS net_amount,
	k.quantity > f.fence AS is_spike, k.payment_method
FROM kept k JOIN fences f USING (product_id);

CREATE TABLE silver_inventory_snapshots AS
SELECT DISTINCT * FROM bronze_inventory
WHERE snapshot_date <= current_date AND quantity_on_hand >= 0 AND unit_cost >= 0;

CREATE TABLE silver_shipments AS
SELECT DISTINCT *,
	datediff('day', ship_date, delivery_date) AS delivery_days,
	datediff('day', ship_date::DATE, promised_date) AS promised_days
FROM bronze_shipments
WHERE ship_date <= now()::TIMESTAMP AND (delivery_date IS NULL OR delivery_date >= ship_date);

CREATE TABLE silver_products AS
SELECT DISTINCT ON (product_id) * FROM bronze_products WHERE product_id IS NOT NULL ORDER BY product_id;

CREATE TABLE silver_stores AS
SELECT DISTINCT ON (store_id) * FROM bronze_stores WHERE store_id IS NOT NULL ORDER BY store_id;

CREATE TABLE silver_customer_observations AS
SELECT DISTINCT * FROM bronze_customers WHERE customer_id IS NOT NULL;

-- Gold: a star schema; customers as SCD Type 2 on city and state.
CREATE TABLE gold_dim_date AS
SELECT
	CAST(strftime(d, '%Y%m%d') AS INTEGER) AS date_key, d::DATE AS date, isoyear(d) AS iso_year, week(d) AS iso_week,
	month(d) AS month, quarter(d) AS quarter, isodow(d) AS weekday, isodow(d) >= 6 AS is_weekend,
	day(d) IN (1, day(last_day(d))) AS is_salary_day
FROM range((SELECT min(ts)::DATE FROM silver_sales_lines), (SELECT max(ts)::DATE + 1 FROM silver_sales_lines),
	INTERVAL 1 DAY) t(d);

CREATE TABLE gold_dim_product AS
SELECT row_number() OVER (ORDER BY product_id) AS product_sk, * FROM silver_products;

CREATE TABLE gold_dim_store AS
SELECT row_number() OVER (ORDER BY store_id) AS store_sk, store_id, store_name, city, state, region, format
FROM (
	SELECT store_id, store_name, city, state, region, format FROM silver_stores
	UNION ALL SELECT 'WEB-ONLINE', 'Online store', NULL, NULL, NULL, 'Online'
);

CREATE TABLE gold_dim_customer AS
WITH changes AS (
	SELECT *, lag(city || '|' || state) OVER (PARTITION BY customer_id ORDER BY extracted_at) AS before
	FROM silver_customer_observations
),
versions AS (
	SELECT customer_id, customer_name, city, state, signup_date, extracted_at AS valid_from
	FROM changes WHERE before IS DISTINCT FROM city || '|' || state
)
SELECT
	row_number() OVER (ORDER BY customer_id, valid_from) AS customer_sk, customer_id, customer_name, city, state,
	signup_date, valid_from, lead(valid_from) OVER w AS valid_to, lead(valid_from) OVER w IS NULL AS is_current,
	row_number() OVER w AS version
FROM versions
WINDOW w AS (PARTITION BY customer_id ORDER BY valid_from);

CREATE TABLE gold_fact_sales AS
SELECT
	l.order_id, l.line_no, CAST(strftime(l.ts, '%Y%m%d') AS INTEGER) AS date_key, p.product_sk, s.store_sk,
	c.customer_sk, l.channel, l.customer_id, l.city, l.quantity, l.unit_price, l.net_amount,
	CAST(l.quantity * p.unit_cost AS DECIMAL(14,2)) AS cost_amount, l.is_spike
FROM silver_sales_lines l
LEFT JOIN gold_dim_product p USING (product_id)
LEFT JOIN gold_dim_store s USING (store_id)
ASOF LEFT JOIN gold_dim_customer c ON c.customer_id = l.customer_id AND l.ts >= c.valid_from;

CREATE TABLE gold_fact_inventory AS
SELECT
	CAST(strftime(i.snapshot_date, '%Y%m%d') AS INTEGER) AS date_key, s.store_sk, p.product_sk,
	i.quantity_on_hand, i.reorder_level, CAST(i.quantity_on_hand * i.unit_cost AS DECIMAL(16,2)) AS stock_value,
	i.quantity_on_hand = 0 AS is_stockout
FROM silver_inventory_snapshots i
LEFT JOIN gold_dim_store s USING (store_id)
LEFT JOIN gold_dim_product p USING (product_id);

CREATE TABLE gold_fact_shipments AS
SELECT
	sh.shipment_id, sh.order_id, s.store_sk AS origin_store_sk, sh.destination_city,
	CAST(strftime(sh.ship_date, '%Y%m%d') AS INTEGER) AS ship_date_key, sh.delivery_date, sh.promised_date,
	sh.carrier, sh.status, sh.delivery_days, sh.delivery_date::DATE > sh.promised_date AS is_late
FROM silver_shipments sh
LEFT JOIN gold_dim_store s ON s.store_id = sh.origin_store;

CREATE TABLE gold_agg_daily_sales AS
SELECT f.date_key, f.store_sk, f.city, p.category, f.channel, f.is_spike, sum(f.net_amount) AS revenue,
	sum(f.quantity) AS units, count(DISTINCT f.order_id) AS orders
FROM gold_fact_sales f LEFT JOIN gold_dim_product p USING (product_sk)
GROUP BY ALL;

-- Every layer written as zstd Parquet, the rows set aside included: a Parquet file per table.
EXPORT DATABASE '{{out}}' (FORMAT parquet, COMPRESSION zstd);
