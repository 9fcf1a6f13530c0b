-- Grain: one calendar day from the first to the last day with a sale, in order.
SELECT d.date_key, strftime(d.date, '%Y-%m-%d') AS day
FROM gold_dim_date d
WHERE d.date_key BETWEEN (SELECT min(date_key) FROM gold_fact_sales) AND (SELECT max(date_key) FROM gold_fact_sales)
ORDER BY d.date_key
