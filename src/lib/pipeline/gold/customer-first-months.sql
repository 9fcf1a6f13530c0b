-- Grain: one natural customer (UNKNOWN left out): the month (yyyymm) of their first order ever, in all of
-- Gold whatever the filters.
SELECT customer_id, min(date_key) // 100 AS first_month
FROM gold_fact_orders
WHERE customer_id <> 'UNKNOWN'
GROUP BY customer_id
