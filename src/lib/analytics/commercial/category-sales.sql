-- Grain: one product category with sales matching the filters ({{sales}} on {{daily}} a: gold_agg_daily_sales,
-- or with no date range its sums over every day, daily-sales-totals.sql; their rows add up: no distinct counts
-- here), by revenue, largest first.
SELECT
	a.category,
	CAST(sum(a.revenue) AS DOUBLE) AS revenue,
	CAST(sum(a.cost) AS DOUBLE) AS cogs,
	CAST(sum(a.units) AS DOUBLE) AS units
FROM {{daily}} a
WHERE {{sales}}
GROUP BY a.category
ORDER BY revenue DESC, a.category
