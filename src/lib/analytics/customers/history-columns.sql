-- Grain: one natural customer of {{history}} (customer-history.sql), in customer id order (the tie-break of
-- customer-scores.ts's rankings); a margin of no costed line reads 0, as the tiers' sums and the lists count it.
SELECT customer_id, orders, revenue, coalesce(margin, 0) AS margin, last_key
FROM {{history}}
ORDER BY customer_id
