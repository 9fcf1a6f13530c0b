-- Grain: one month (yyyymm) × whether it is the month of the customers' first order ever × channel × city of
-- the order parts {{parts}} (order-parts.sql), and the same without the channel (all_channels), without the
-- city (all_cities) or without either: how many natural customers (UNKNOWN left out) have a part there
-- (customers), and how many have one not flagged a spike (unflagged_customers). Each customer counts once per
-- row, so new against returning customers adds a few rows up instead of counting distinct customers over every
-- order part. {{first_months}}: each natural customer's first month with an order part, in all of Gold.
WITH cells AS (
	SELECT customer_id, date_key // 100 AS month, channel, city, bool_or(NOT is_spike) AS unflagged
	FROM {{parts}}
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY ALL
),
customer_months AS (
	SELECT
		customer_id, month, channel, city, grouping(channel) = 1 AS all_channels, grouping(city) = 1 AS all_cities,
		bool_or(unflagged) AS unflagged
	FROM cells
	GROUP BY GROUPING SETS (
		(customer_id, month), (customer_id, month, channel), (customer_id, month, city),
		(customer_id, month, channel, city)
	)
)
SELECT
	m.month, m.month = f.first_month AS is_new, m.all_channels, m.channel, m.all_cities, m.city,
	CAST(count(*) AS INTEGER) AS customers,
	CAST(count(*) FILTER (WHERE m.unflagged) AS INTEGER) AS unflagged_customers
FROM customer_months m
JOIN {{first_months}} f USING (customer_id)
GROUP BY ALL
ORDER BY m.month, is_new, m.all_channels DESC, m.channel, m.all_cities DESC, m.city
