-- Grain: one period ({{grain}}: day, ISO week from Monday, or month) with sales matching the filters
-- (o: their order parts summed by day and place, order-parts.ts dailyOrders), named by its first day;
-- orders are the distinct orders with a sale line in the period (a return is not an order, as on the KPI
-- cards). Each calendar day's period is worked out once, not once per row.
WITH periods AS (
	SELECT d.date_key, CAST(date_trunc({{grain}}, d.date) AS DATE) AS period FROM gold_dim_date d
),
totals AS (
	SELECT
		p.period,
		CAST(sum(o.net_amount) AS DOUBLE) AS revenue,
		{{order_count}} AS orders
	FROM {{orders}} o
	JOIN periods p ON p.date_key = o.date_key
	GROUP BY p.period
)
SELECT strftime(period, '%Y-%m-%d') AS period, revenue, orders
FROM totals
ORDER BY totals.period
