-- Grain: one day × category, for every day from the first to the last day with a sales line and every
-- category that sold (a day without sales is 0), flagged quantity spikes left out (check 6: they are defects);
-- with the day's festival and salary-day flags from dim_date.
WITH bounds AS (
	SELECT min(date_key) AS first_key, max(date_key) AS last_key FROM gold_agg_daily_sales
),
days AS (
	SELECT d.date_key, d.is_festival, d.is_salary_day
	FROM gold_dim_date d, bounds b
	WHERE d.date_key BETWEEN b.first_key AND b.last_key
),
categories AS (
	SELECT DISTINCT category FROM gold_agg_daily_sales WHERE NOT is_spike
),
sales AS (
	SELECT date_key, category, sum(units) AS units, sum(revenue) AS revenue
	FROM gold_agg_daily_sales
	WHERE NOT is_spike
	GROUP BY ALL
)
SELECT
	d.date_key,
	c.category,
	CAST(coalesce(s.units, 0) AS DOUBLE) AS units,
	CAST(coalesce(s.revenue, 0) AS DOUBLE) AS revenue,
	d.is_festival,
	d.is_salary_day
FROM days d
CROSS JOIN categories c
LEFT JOIN sales s ON s.date_key = d.date_key AND s.category = c.category
ORDER BY d.date_key, c.category
