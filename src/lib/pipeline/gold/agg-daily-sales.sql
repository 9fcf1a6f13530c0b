-- Grain: one day × store × city × category × channel × is_spike of gold_fact_sales (city splits only web
-- sales: a POS store has one city; is_spike keeps the flagged quantity spikes apart, so dashboards can leave
-- them out). orders counts distinct orders within the row, so it does not add up across rows; an order is an
-- order_id with a sale line in the row (a return is not an order, as on the KPI cards).
CREATE OR REPLACE TABLE gold_agg_daily_sales AS
WITH per_order AS (
	SELECT
		f.date_key, f.store_sk, f.city, p.category, f.channel, f.is_spike, f.order_key,
		sum(f.net_amount) AS revenue,
		sum(f.cost_amount) AS cost,
		sum(f.quantity) AS units,
		count(*) AS lines,
		bool_or(NOT f.is_return) AS is_order
	FROM gold_fact_sales f
	JOIN gold_dim_product p ON p.product_sk = f.product_sk
	GROUP BY ALL
)
SELECT
	date_key, store_sk, city, category, channel, is_spike,
	CAST(sum(revenue) AS DECIMAL(18,2)) AS revenue,
	CAST(sum(cost) AS DECIMAL(18,2)) AS cost,
	CAST(sum(units) AS BIGINT) AS units,
	CAST(sum(lines) AS BIGINT) AS lines,
	count(*) FILTER (WHERE is_order) AS orders
FROM per_order
GROUP BY ALL
