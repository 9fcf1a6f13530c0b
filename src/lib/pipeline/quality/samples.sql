-- Grain: one sample offending row per check × dataset (the first five by lineage): its lineage and the reason
-- the check held it back, filled or flagged it.
WITH evidence AS (
	SELECT check_id, dataset, _source_file, _row_number, reason FROM silver_quarantine
	UNION ALL
	SELECT 4, dataset, _source_file, _row_number, reason FROM silver_duplicates
	UNION ALL
	SELECT
		3, CASE channel WHEN 'pos' THEN 'pos_sales' ELSE 'web_orders' END, _source_file, _row_number,
		'customer_id was null or blank; filled with UNKNOWN'
	FROM silver_sales_lines
	WHERE customer_id = 'UNKNOWN'
	UNION ALL
	SELECT
		6, CASE channel WHEN 'pos' THEN 'pos_sales' ELSE 'web_orders' END, _source_file, _row_number,
		'quantity ' || quantity || ' is a spike for product ' || product_id || ' (kept, flagged)'
	FROM silver_sales_lines
	WHERE is_spike
	UNION ALL
	SELECT check_id, dataset, _source_file, _row_number, reason FROM gold_orphans
	UNION ALL
	SELECT
		5, 'shipments', s._source_file, s._row_number,
		'order_id ' || s.order_id || ' is not among the web orders (kept, flagged)'
	FROM silver_shipments s
	JOIN gold_fact_shipments f ON f.shipment_id = s.shipment_id
	WHERE NOT f.order_found
)
SELECT check_id, dataset, _source_file, _row_number, reason
FROM evidence
QUALIFY row_number() OVER (PARTITION BY check_id, dataset ORDER BY _source_file, _row_number) <= 5
ORDER BY check_id, dataset, _source_file, _row_number
