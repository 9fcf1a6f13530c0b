-- Grain: one row of gold_agg_daily_sales (its rows add up) with its calendar month (YYYY-MM); each day's month
-- is worked out once, not once per row.
SELECT a.*, m.month
FROM gold_agg_daily_sales a
JOIN (SELECT date_key, strftime(date, '%Y-%m') AS month FROM gold_dim_date) m ON m.date_key = a.date_key
