-- Grain: one month (YYYY-MM) with orders matching the filters (o: their order parts, order-parts.ts); a
-- customer active in it is new when it holds their first order ever (f: first-orders.sql), else
-- returning.
WITH active AS (
	SELECT DISTINCT o.customer_id, o.date_key // 100 AS month
	FROM {{orders}} o
	WHERE o.customer_id <> 'UNKNOWN'
)
SELECT
	printf('%04d-%02d', a.month // 100, a.month % 100) AS month,
	CAST(count(*) FILTER (WHERE a.month = f.first_month) AS INTEGER) AS new_customers,
	CAST(count(*) FILTER (WHERE a.month > f.first_month) AS INTEGER) AS returning_customers
FROM active a
JOIN {{first_orders}} f ON f.customer_id = a.customer_id
GROUP BY a.month
ORDER BY a.month
