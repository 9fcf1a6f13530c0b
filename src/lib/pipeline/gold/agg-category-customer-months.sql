-- Grain: one product category × month (yyyymm) × whether it is the month of the customers' first order ever
-- × channel, and the same without the channel (all_channels), of the order parts by category {{parts}}
-- (order-parts.sql): how many natural customers (UNKNOWN left out) have a part there (customers), and how many
-- have one not flagged a spike (unflagged_customers). Each customer counts once per row, so new against
-- returning customers under a category adds a few rows up instead of counting distinct customers over every
-- part of the category. {{first_months}}: each natural customer's first month with an order part, in all of Gold.
WITH cells AS (
	SELECT customer_id, date_key // 100 AS month, category, channel, bool_or(NOT is_spike) AS unflagged
	FROM {{parts}}
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY ALL
),
customer_months AS (
	SELECT
		customer_id, month, category, channel, grouping(channel) = 1 AS all_channels,
		bool_or(unflagged) AS unflagged
	FROM cells
	GROUP BY GROUPING SETS ((customer_id, month, category), (customer_id, month, category, channel))
)
SELECT
	m.category, m.month, m.month = f.first_month AS is_new, m.all_channels, m.channel,
	CAST(count(*) AS INTEGER) AS customers,
	CAST(count(*) FILTER (WHERE m.unflagged) AS INTEGER) AS unflagged_customers
FROM customer_months m
JOIN {{first_months}} f USING (customer_id)
GROUP BY ALL
ORDER BY m.month, is_new, m.all_channels DESC, m.channel
