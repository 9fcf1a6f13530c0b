-- Grain: one festival day of gold_dim_date in the date range ({{days}} on gold_dim_date d), by date, with that
-- day's revenue of the sales matching the filters (0 without sales).
SELECT
	strftime(d.date, '%Y-%m-%d') AS date,
	d.festival_name AS name,
	CAST(coalesce(s.revenue, 0) AS DOUBLE) AS revenue
FROM gold_dim_date d
LEFT JOIN (
	SELECT f.date_key, sum(f.net_amount) AS revenue
	FROM gold_fact_sales f
	WHERE {{sales}}
	GROUP BY f.date_key
) s ON s.date_key = d.date_key
WHERE d.is_festival AND {{days}}
ORDER BY d.date_key
