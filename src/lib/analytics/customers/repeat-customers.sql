-- Grain: one row; the natural customers with orders matching the filters, and those of them with two or more.
WITH per_customer AS (
	SELECT f.customer_id, count(DISTINCT f.order_key) FILTER (WHERE NOT f.is_return) AS orders
	FROM gold_fact_sales f
	WHERE {{sales}} AND f.customer_id <> 'UNKNOWN'
	GROUP BY f.customer_id
)
SELECT
	CAST(count(*) AS INTEGER) AS customers,
	CAST(count(*) FILTER (WHERE orders >= 2) AS INTEGER) AS repeat_customers
FROM per_customer
