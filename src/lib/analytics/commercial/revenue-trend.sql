-- Grain: one period ({{grain}}: day, ISO week from Monday, or month) with sales matching the filters,
-- named by its first day; orders are the distinct orders with a sale line in the period (a return is not an
-- order, as on the KPI cards).
-- Each calendar day's period is worked out once, not once per line.
WITH periods AS (
	SELECT d.date_key, CAST(date_trunc({{grain}}, d.date) AS DATE) AS period FROM gold_dim_date d
),
totals AS (
	SELECT
		p.period,
		CAST(sum(f.net_amount) AS DOUBLE) AS revenue,
		CAST(count(DISTINCT f.order_key) FILTER (WHERE NOT f.is_return) AS INTEGER) AS orders
	FROM gold_fact_sales f
	JOIN periods p ON p.date_key = f.date_key
	WHERE {{sales}}
	GROUP BY p.period
)
SELECT strftime(period, '%Y-%m-%d') AS period, revenue, orders
FROM totals
ORDER BY totals.period
