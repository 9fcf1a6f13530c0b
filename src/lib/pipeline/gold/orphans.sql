-- Grain: one silver row that check 5 rejects from its fact: a sales line or inventory snapshot whose
-- product_id or store_id is not in its dimension, with the reason and lineage (quantity: a line's units, a
-- snapshot's on hand; order, customer and amount only for sales lines).
CREATE OR REPLACE TABLE gold_orphans AS
WITH candidates AS (
	SELECT
		CASE channel WHEN 'pos' THEN 'pos_sales' ELSE 'web_orders' END AS dataset,
		order_id, line_no, ts AS event_time, store_id, product_id, customer_id, quantity, net_amount,
		_batch_id, _source_file, _row_number
	FROM silver_sales_lines
	UNION ALL
	SELECT
		'inventory', NULL, NULL, CAST(snapshot_date AS TIMESTAMP), store_id, product_id, NULL, quantity_on_hand,
		NULL, _batch_id, _source_file, _row_number
	FROM silver_inventory_snapshots
)
SELECT
	c.dataset,
	5 AS check_id,
	concat_ws(
		'; ',
		CASE WHEN p.product_id IS NULL THEN 'product_id ' || c.product_id || ' is not in dim_product' END,
		CASE WHEN s.store_id IS NULL THEN 'store_id ' || c.store_id || ' is not in dim_store' END
	) AS reason,
	c.* EXCLUDE (dataset)
FROM candidates c
LEFT JOIN gold_dim_product p ON p.product_id = c.product_id
LEFT JOIN gold_dim_store s ON s.store_id = c.store_id
WHERE p.product_id IS NULL OR s.store_id IS NULL
