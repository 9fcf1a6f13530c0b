-- Grain: one natural customer × month (yyyymm) with orders matching the filters (o: their order parts,
-- order-parts.ts); is_new when the month holds the customer's first order ever (f: customer-first-months.sql).
SELECT a.customer_id AS customer, a.month, a.month = f.first_month AS is_new
FROM (
	SELECT DISTINCT o.customer_id, o.date_key // 100 AS month
	FROM {{orders}} o
	WHERE o.customer_id <> 'UNKNOWN'
) a
JOIN {{first_months}} f ON f.customer_id = a.customer_id
