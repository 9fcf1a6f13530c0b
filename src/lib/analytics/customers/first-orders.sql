-- Grain: one natural customer (UNKNOWN left out): the month (yyyymm) of their first order ever, in all of
-- Gold whatever the filters, and their number in id order (customer_no, which customer-months.sql counts by).
SELECT
	customer_id,
	min(date_key) // 100 AS first_month,
	CAST(dense_rank() OVER (ORDER BY customer_id) AS INTEGER) AS customer_no
FROM gold_fact_orders
WHERE customer_id <> 'UNKNOWN'
GROUP BY customer_id
