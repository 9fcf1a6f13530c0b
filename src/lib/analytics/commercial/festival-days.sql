-- Grain: one row; the average daily revenue over the calendar days in the date range ({{days}} on
-- gold_dim_date d), festival days and other days apart, a day without matching sales (o: their order parts
-- summed by day and place, order-parts.ts dailyOrders) counting as 0.
WITH daily AS (
	SELECT d.is_festival, coalesce(s.revenue, 0) AS revenue
	FROM gold_dim_date d
	LEFT JOIN (
		SELECT o.date_key, sum(o.net_amount) AS revenue
		FROM {{orders}} o
		GROUP BY o.date_key
	) s ON s.date_key = d.date_key
	WHERE {{days}}
)
SELECT
	CAST(avg(revenue) FILTER (WHERE is_festival) AS DOUBLE) AS festival_avg,
	CAST(avg(revenue) FILTER (WHERE NOT is_festival) AS DOUBLE) AS other_avg,
	CAST(count(*) FILTER (WHERE is_festival) AS INTEGER) AS festival_days,
	CAST(count(*) FILTER (WHERE NOT is_festival) AS INTEGER) AS other_days
FROM daily
