-- Grain: one product category × month (yyyymm) × whether it is the month of the customers' first order ever
-- × channel (NULL: every channel) of the order parts by category {{parts}} (order-parts.sql): how many natural
-- customers (UNKNOWN left out) have a part there (customers), and how many have one not flagged a spike
-- (unflagged_customers). Each customer is counted once per row, so new against returning customers under a
-- category adds a few rows up instead of counting distinct customers over every part of the category.
-- {{first_months}}: each natural customer's first month with an order part, in all of Gold.
WITH cells AS (
	SELECT category, customer_id, date_key // 100 AS month, channel, bool_or(NOT is_spike) AS unflagged
	FROM {{parts}}
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY ALL
),
months AS (
	SELECT category, customer_id, month, channel, unflagged FROM cells
	UNION ALL
	SELECT category, customer_id, month, CAST(NULL AS VARCHAR), bool_or(unflagged) FROM cells GROUP BY ALL
)
SELECT
	m.category, m.month, m.month = f.first_month AS is_new, m.channel,
	CAST(count(*) AS INTEGER) AS customers,
	CAST(count(*) FILTER (WHERE m.unflagged) AS INTEGER) AS unflagged_customers
FROM months m
JOIN {{first_months}} f USING (customer_id)
GROUP BY ALL
ORDER BY m.month, is_new, m.channel NULLS FIRST
