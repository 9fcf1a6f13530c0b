-- Grain: one dataset: the silver rows it became and, for sales, the lines whose customer id check 3 filled
-- with UNKNOWN and the lines flagged as spikes.
SELECT
	CASE channel WHEN 'pos' THEN 'pos_sales' ELSE 'web_orders' END AS dataset,
	count(*) AS silver_rows,
	count(*) FILTER (WHERE customer_id = 'UNKNOWN') AS unknown_customers,
	count(*) FILTER (WHERE is_spike) AS spikes
FROM silver_sales_lines
GROUP BY channel
UNION ALL
SELECT 'inventory', count(*), 0, 0 FROM silver_inventory_snapshots
UNION ALL
SELECT 'shipments', count(*), 0, 0 FROM silver_shipments
UNION ALL
SELECT 'customers', count(*) FILTER (WHERE source = 'crm'), 0, 0 FROM silver_customer_observations
UNION ALL
SELECT 'products', count(*), 0, 0 FROM silver_products
UNION ALL
SELECT 'stores', count(*), 0, 0 FROM silver_stores
