-- Grain: one calendar month (YYYY-MM) × product category of the sales a (gold_agg_daily_sales' rows with their
-- month, daily-sales-months.sql, or those rows summed by month, monthly-sales.sql) matching the filters: units
-- and revenue, by month then category.
SELECT
	a.month,
	a.category,
	CAST(sum(a.units) AS DOUBLE) AS units,
	CAST(sum(a.revenue) AS DOUBLE) AS revenue
FROM {{sales}} a
WHERE {{conditions}}
GROUP BY 1, 2
ORDER BY 1, 2
