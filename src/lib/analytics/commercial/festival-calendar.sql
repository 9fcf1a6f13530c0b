-- Grain: one festival day of gold_dim_date in the date range ({{days}} on gold_dim_date d), by date, with that
-- day's revenue of the sales matching the filters ({{sales}} on gold_agg_daily_sales a; 0 without sales).
SELECT
	strftime(d.date, '%Y-%m-%d') AS date,
	d.festival_name AS name,
	CAST(coalesce(s.revenue, 0) AS DOUBLE) AS revenue
FROM gold_dim_date d
LEFT JOIN (
	SELECT a.date_key, sum(a.revenue) AS revenue
	FROM gold_agg_daily_sales a
	WHERE {{sales}}
	GROUP BY a.date_key
) s ON s.date_key = d.date_key
WHERE d.is_festival AND {{days}}
ORDER BY d.date_key
