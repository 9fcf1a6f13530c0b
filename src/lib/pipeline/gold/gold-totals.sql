-- Grain: one row: the rows of every gold table, the check 5 counts, and Σ net_amount of the sales facts and
-- of the orphan sales lines as exact text.
SELECT
	(SELECT count(*) FROM gold_fact_sales) AS fact_sales,
	(SELECT count(*) FROM gold_fact_inventory) AS fact_inventory,
	(SELECT count(*) FROM gold_fact_shipments) AS fact_shipments,
	(SELECT count(*) FROM gold_dim_date) AS dim_date,
	(SELECT count(*) FROM gold_dim_product) AS dim_product,
	(SELECT count(*) FROM gold_dim_store) AS dim_store,
	(SELECT count(*) FROM gold_dim_customer) AS dim_customer,
	(SELECT count(*) FROM gold_agg_daily_sales) AS agg_daily_sales,
	(SELECT count(*) FROM gold_agg_product_sales) AS agg_product_sales,
	(SELECT count(*) FROM gold_fact_orders) AS fact_orders,
	(SELECT count(*) FROM gold_fact_order_categories) AS fact_order_categories,
	(SELECT count(*) FROM gold_agg_daily_orders) AS agg_daily_orders,
	(SELECT count(*) FROM gold_agg_daily_category_orders) AS agg_daily_category_orders,
	(SELECT count(*) FROM gold_agg_stock_draws) AS agg_stock_draws,
	(SELECT count(*) FROM gold_agg_customer_months) AS agg_customer_months,
	(SELECT count(*) FROM gold_agg_category_customer_months) AS agg_category_customer_months,
	(SELECT count(*) FROM gold_orphans) AS orphans,
	(SELECT count(*) FROM gold_orphans WHERE dataset IN ('pos_sales', 'web_orders')) AS orphan_sales,
	(SELECT count(*) FROM gold_fact_shipments WHERE NOT order_found) AS orphan_shipments,
	(SELECT CAST(coalesce(sum(net_amount), 0) AS VARCHAR) FROM gold_fact_sales) AS net_amount,
	(SELECT CAST(coalesce(sum(net_amount), 0) AS VARCHAR) FROM gold_orphans) AS orphan_net_amount
