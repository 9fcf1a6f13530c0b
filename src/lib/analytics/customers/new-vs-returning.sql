-- Grain: one month (YYYY-MM) with orders matching the filters (o: their order parts, filters.ts
-- orderPartsMatching); a customer active in it is new when it holds their first order ever (all of Gold,
-- whatever the filters), else returning.
WITH first_order AS (
	SELECT customer_id, min(date_key) // 100 AS first_month
	FROM gold_fact_orders
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY customer_id
),
active AS (
	SELECT DISTINCT o.customer_id, o.date_key // 100 AS month
	FROM {{orders}} o
	WHERE o.customer_id <> 'UNKNOWN'
)
SELECT
	printf('%04d-%02d', a.month // 100, a.month % 100) AS month,
	CAST(count(*) FILTER (WHERE a.month = o.first_month) AS INTEGER) AS new_customers,
	CAST(count(*) FILTER (WHERE a.month > o.first_month) AS INTEGER) AS returning_customers
FROM active a
JOIN first_order o ON o.customer_id = a.customer_id
GROUP BY a.month
ORDER BY a.month
