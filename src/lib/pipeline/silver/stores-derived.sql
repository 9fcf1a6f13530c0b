-- Grain: one store seen in the kept POS lines or inventory rows (the stores master is absent): its city is
-- the latest one seen; the master's other attributes are unknown.
CREATE OR REPLACE TABLE silver_stores AS
WITH seen AS (
	SELECT p.store_id, p.store_city, p.invoice_date AS seen_at
	FROM silver_src_pos_sales p
	ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'pos_sales') USING (_rowid)
	UNION ALL
	SELECT i.store_id, i.store_city, i.snapshot_date
	FROM silver_src_inventory i
	ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'inventory') USING (_rowid)
)
SELECT
	store_id,
	arg_max(store_city, seen_at) FILTER (WHERE store_city IS NOT NULL) AS city,
	CAST(NULL AS VARCHAR) AS store_name,
	CAST(NULL AS VARCHAR) AS state,
	CAST(NULL AS VARCHAR) AS region,
	CAST(NULL AS VARCHAR) AS format,
	CAST(NULL AS DATE) AS opened_on,
	CAST(NULL AS VARCHAR) AS _batch_id,
	CAST(NULL AS VARCHAR) AS _source_file,
	CAST(NULL AS BIGINT) AS _row_number
FROM seen
GROUP BY store_id
