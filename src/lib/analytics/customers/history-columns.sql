-- Grain: one natural customer of {{history}} (customer-history.sql), in customer id order (the tie-break of
-- customer-scores.ts's rankings), with the name and city of their current version in gold_dim_customer (null
-- when none) and their revenue in paise (cents: the exact decimal sum, a whole DOUBLE). A margin of no costed line
-- reads 0, as the tiers' sums and the lists count it.
WITH current_versions AS (
	SELECT customer_id, customer_name, city
	FROM gold_dim_customer
	WHERE is_current
)
SELECT
	h.customer_id,
	v.customer_name,
	v.city AS current_city,
	h.orders,
	h.revenue,
	CAST(h.net_amount * 100 AS DOUBLE) AS cents,
	coalesce(h.margin, 0) AS margin,
	h.last_key
FROM {{history}} h
LEFT JOIN current_versions v ON v.customer_id = h.customer_id
ORDER BY h.customer_id
