-- Grain: one festival day of gold_dim_date in the date range ({{days}} on gold_dim_date d), by date, with that
-- day's revenue of the sales matching the filters (o: their order parts summed by day and place,
-- order-parts.ts dailyOrders; 0 without sales).
SELECT
	strftime(d.date, '%Y-%m-%d') AS date,
	d.festival_name AS name,
	CAST(coalesce(s.revenue, 0) AS DOUBLE) AS revenue
FROM gold_dim_date d
LEFT JOIN (
	SELECT o.date_key, sum(o.net_amount) AS revenue
	FROM {{orders}} o
	GROUP BY o.date_key
) s ON s.date_key = d.date_key
WHERE d.is_festival AND {{days}}
ORDER BY d.date_key
