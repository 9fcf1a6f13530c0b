-- Grain: one row; the natural customers with orders matching the filters (o: their order parts,
-- filters.ts orderPartsMatching), and those of them with two or more.
WITH per_customer AS (
	SELECT o.customer_id, {{order_count}} AS orders
	FROM {{orders}} o
	WHERE o.customer_id <> 'UNKNOWN'
	GROUP BY o.customer_id
)
SELECT
	CAST(count(*) AS INTEGER) AS customers,
	CAST(count(*) FILTER (WHERE orders >= 2) AS INTEGER) AS repeat_customers
FROM per_customer
