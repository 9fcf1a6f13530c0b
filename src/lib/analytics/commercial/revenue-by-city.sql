-- Grain: one city of a line (POS: the store's, web: the customer's) with sales matching the filters,
-- by revenue, largest first.
SELECT
	f.city,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue,
	CAST(coalesce(sum(f.net_amount) FILTER (WHERE f.channel = 'pos'), 0) AS DOUBLE) AS pos_revenue,
	CAST(coalesce(sum(f.net_amount) FILTER (WHERE f.channel = 'web'), 0) AS DOUBLE) AS web_revenue,
	CAST(count(DISTINCT f.order_key) FILTER (WHERE NOT f.is_return) AS INTEGER) AS orders
FROM gold_fact_sales f
WHERE {{sales}}
GROUP BY f.city
ORDER BY revenue DESC, f.city
