-- Grain: one product seen in the kept sales lines or inventory rows (the products master is absent): the
-- latest name, category and unit cost seen, and the highest unit price seen as its list price.
CREATE OR REPLACE TABLE silver_products AS
WITH seen AS (
	SELECT
		p.product_id, p.product_name, p.category, p.unit_price, CAST(NULL AS DECIMAL(12,2)) AS unit_cost,
		p.invoice_date AS seen_at
	FROM silver_src_pos_sales p
	ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'pos_sales') USING (_rowid)
	UNION ALL
	SELECT w.product_id, w.product_name, w.category, w.unit_price, NULL, w.order_date
	FROM silver_src_web_orders w
	ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'web_orders') USING (_rowid)
	UNION ALL
	SELECT i.product_id, i.product_name, i.category, NULL, i.unit_cost, i.snapshot_date
	FROM silver_src_inventory i
	ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'inventory') USING (_rowid)
)
SELECT
	product_id,
	arg_max(product_name, seen_at) FILTER (WHERE product_name IS NOT NULL) AS product_name,
	arg_max(category, seen_at) FILTER (WHERE category IS NOT NULL) AS category,
	max(unit_price) AS list_price,
	arg_max(unit_cost, seen_at) FILTER (WHERE unit_cost IS NOT NULL) AS unit_cost,
	CAST(NULL AS VARCHAR) AS _batch_id,
	CAST(NULL AS VARCHAR) AS _source_file,
	CAST(NULL AS BIGINT) AS _row_number
FROM seen
GROUP BY product_id
