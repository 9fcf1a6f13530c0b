-- Grain: one natural customer of {{history}} (customer-history.sql), as of the last sales day in
-- Gold (all of it, whatever the filters): recency = days since their last order, frequency = orders (a
-- return is not one), monetary = revenue, each scored in quintiles 1–5 (5 = most recent / most orders / most
-- revenue); ntile splits ties, so they are broken by customer id to stay repeatable. The rows come by
-- customer id where they are listed, in no order where only their segments are counted.
WITH as_of AS (
	SELECT max(date_key) AS date_key FROM gold_fact_orders
),
per_customer AS (
	SELECT customer_id, last_key, orders AS frequency, revenue AS monetary FROM {{history}}
),
measured AS (
	SELECT
		c.customer_id,
		CAST(date_diff(
			'day',
			make_date(c.last_key // 10000, c.last_key // 100 % 100, c.last_key % 100),
			make_date(a.date_key // 10000, a.date_key // 100 % 100, a.date_key % 100)
		) AS INTEGER) AS recency_days,
		c.frequency,
		c.monetary
	FROM per_customer c
	CROSS JOIN as_of a
)
SELECT
	customer_id,
	recency_days,
	frequency,
	monetary,
	CAST(ntile(5) OVER (ORDER BY recency_days DESC, customer_id) AS INTEGER) AS r,
	CAST(ntile(5) OVER (ORDER BY frequency, customer_id) AS INTEGER) AS f,
	CAST(ntile(5) OVER (ORDER BY monetary, customer_id) AS INTEGER) AS m
FROM measured
{{order_by}}
