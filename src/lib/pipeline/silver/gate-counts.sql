-- Grain: one dataset: its bronze rows and how many rows each gate held back.
WITH bronze AS (
	SELECT 'pos_sales' AS dataset, count(*) AS bronze_rows FROM silver_src_pos_sales
	UNION ALL SELECT 'web_orders', count(*) FROM silver_src_web_orders
	UNION ALL SELECT 'inventory', count(*) FROM silver_src_inventory
	UNION ALL SELECT 'shipments', count(*) FROM silver_src_shipments
	UNION ALL SELECT 'customers', count(*) FROM silver_src_customers
	UNION ALL SELECT 'products', count(*) FROM silver_src_products
	UNION ALL SELECT 'stores', count(*) FROM silver_src_stores
)
SELECT
	b.dataset,
	b.bronze_rows,
	count(*) FILTER (WHERE h.check_id = 4) AS duplicates,
	count(*) FILTER (WHERE h.check_id = 2) AS future_dates,
	count(*) FILTER (WHERE h.check_id = 1) AS negative_prices,
	count(*) FILTER (WHERE h.check_id = 6) AS quantities_out_of_range
FROM bronze b
LEFT JOIN silver_held h USING (dataset)
GROUP BY b.dataset, b.bronze_rows
