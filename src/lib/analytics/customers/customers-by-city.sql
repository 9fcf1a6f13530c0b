-- Grain: one city of the customers' current version in gold_dim_customer (natural customers, UNKNOWN and no
-- city left out) matching {{cities}} (on c.city), counting the customers with sales matching the other
-- filters (o: their order parts, order-parts.ts, or with no date range their history, customer-history.sql; in
-- any city: a mover's earlier sales count under their current city) and those sales' revenue; by customers, then
-- revenue, largest first.
WITH current_city AS (
	SELECT c.customer_id, c.city
	FROM gold_dim_customer c
	WHERE c.is_current AND c.customer_id <> 'UNKNOWN' AND c.city IS NOT NULL AND {{cities}}
),
per_customer AS (
	SELECT o.customer_id, sum(o.net_amount) AS revenue
	FROM {{orders}} o
	WHERE o.customer_id <> 'UNKNOWN'
	GROUP BY o.customer_id
)
SELECT
	c.city,
	CAST(count(*) AS INTEGER) AS customers,
	CAST(sum(s.revenue) AS DOUBLE) AS revenue
FROM current_city c
JOIN per_customer s ON s.customer_id = c.customer_id
GROUP BY c.city
ORDER BY customers DESC, revenue DESC, c.city
