-- Grain: one period ({{grain}}: day, ISO week from Monday, or month) with sales matching the filters,
-- named by its first day; orders are the distinct orders with a line in the period.
SELECT
	strftime(date_trunc({{grain}}, d.date), '%Y-%m-%d') AS period,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue,
	CAST(count(DISTINCT f.order_id) AS INTEGER) AS orders
FROM gold_fact_sales f
JOIN gold_dim_date d ON d.date_key = f.date_key
WHERE {{sales}}
GROUP BY 1
ORDER BY 1
