-- Grain: one row: the sales lines flagged as quantity spikes among those matching the other filters ({{sales}} on
-- {{daily}} a: gold_agg_daily_sales, or with no date range its sums over every day), and their revenue.
SELECT
	CAST(coalesce(sum(a.lines), 0) AS BIGINT) AS lines,
	CAST(coalesce(sum(a.revenue), 0) AS DOUBLE) AS revenue
FROM {{daily}} a
WHERE a.is_spike AND {{sales}}
