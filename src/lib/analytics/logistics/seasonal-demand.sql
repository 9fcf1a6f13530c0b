-- Grain: one calendar month (YYYY-MM) × product category with sales matching the filters ({{sales}} on
-- gold_agg_daily_sales a, whose rows add up): units and revenue, by month then category. Each day's month
-- is worked out once, not once per row.
WITH months AS (
	SELECT d.date_key, strftime(d.date, '%Y-%m') AS month FROM gold_dim_date d
)
SELECT
	m.month,
	a.category,
	CAST(sum(a.units) AS DOUBLE) AS units,
	CAST(sum(a.revenue) AS DOUBLE) AS revenue
FROM gold_agg_daily_sales a
JOIN months m ON m.date_key = a.date_key
WHERE {{sales}}
GROUP BY 1, 2
ORDER BY 1, 2
