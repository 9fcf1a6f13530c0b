-- Grain: one state (level 'state') or one region (level 'region') with sales matching the filters (o: their
-- order parts summed by day and place, gold_agg_daily_orders: where a part was sold, placed by Gold), both
-- from one pass (GROUPING SETS), by level, then revenue, largest first, the unmapped (NULL) last.
SELECT
	CASE WHEN grouping(o.state) = 0 THEN 'state' ELSE 'region' END AS level,
	CASE WHEN grouping(o.state) = 0 THEN o.state ELSE o.region END AS area,
	CAST(sum(o.net_amount) AS DOUBLE) AS revenue,
	CAST(coalesce(sum(o.net_amount) FILTER (WHERE o.channel = 'pos'), 0) AS DOUBLE) AS pos_revenue,
	CAST(coalesce(sum(o.net_amount) FILTER (WHERE o.channel = 'web'), 0) AS DOUBLE) AS web_revenue,
	{{order_count}} AS orders
FROM {{orders}} o
GROUP BY GROUPING SETS ((o.state), (o.region))
ORDER BY level DESC, area IS NULL, revenue DESC, area
