-- Grain: one product category with sales matching the filters ({{sales}} on gold_agg_daily_sales a, whose
-- rows add up: no distinct counts here), by revenue, largest first.
SELECT
	a.category,
	CAST(sum(a.revenue) AS DOUBLE) AS revenue,
	CAST(sum(a.cost) AS DOUBLE) AS cogs,
	CAST(sum(a.units) AS DOUBLE) AS units
FROM gold_agg_daily_sales a
WHERE {{sales}}
GROUP BY a.category
ORDER BY revenue DESC, a.category
