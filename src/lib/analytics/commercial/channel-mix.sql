-- Grain: one channel (pos, web) with sales matching the filters; share = its part of their revenue.
SELECT
	f.channel,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue,
	CAST(count(DISTINCT f.order_key) FILTER (WHERE NOT f.is_return) AS INTEGER) AS orders,
	CAST(sum(f.net_amount) / nullif(sum(sum(f.net_amount)) OVER (), 0) AS DOUBLE) AS share
FROM gold_fact_sales f
WHERE {{sales}}
GROUP BY f.channel
ORDER BY f.channel
