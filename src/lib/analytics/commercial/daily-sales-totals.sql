-- Grain: one store × city × category × channel × is_spike, over every day of gold_agg_daily_sales: its revenue,
-- cost, units and lines summed (not its orders, which do not add up across days). What the category sales and
-- the spikes' summary read when no date range is set: a few hundred rows (744 at 1M lines) against the daily
-- rows' 299k.
SELECT
	store_sk, city, category, channel, is_spike,
	CAST(sum(revenue) AS DECIMAL(18,2)) AS revenue,
	CAST(sum(cost) AS DECIMAL(18,2)) AS cost,
	CAST(sum(units) AS BIGINT) AS units,
	CAST(sum(lines) AS BIGINT) AS lines
FROM gold_agg_daily_sales
GROUP BY ALL
