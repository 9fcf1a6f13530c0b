-- Grain: one row: the rows of every silver table, and Σ net_amount of the sales lines as exact text.
SELECT
	(SELECT count(*) FROM silver_sales_lines) AS sales_lines,
	(SELECT count(*) FROM silver_inventory_snapshots) AS inventory_snapshots,
	(SELECT count(*) FROM silver_shipments) AS shipments,
	(SELECT count(*) FROM silver_customer_observations) AS customer_observations,
	(SELECT count(*) FROM silver_products) AS products,
	(SELECT count(*) FROM silver_stores) AS stores,
	(SELECT count(*) FROM silver_quarantine) AS quarantine,
	(SELECT count(*) FROM silver_duplicates) AS duplicates,
	(SELECT CAST(coalesce(sum(net_amount), 0) AS VARCHAR) FROM silver_sales_lines) AS net_amount
