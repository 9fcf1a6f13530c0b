-- Grain: one natural customer of {{history}} (customer-history.sql: their whole history in the sales the
-- filters select). Tiers at the p50 / p75 / p90 of revenue. Name and city from the customer's current version
-- in gold_dim_customer. {{limit}}: empty, or LIMIT n; the customers are ranked and cut before their names are
-- joined, so the top 20 join 20 names, not every customer's.
WITH per_customer AS (
	SELECT customer_id, orders, revenue, margin FROM {{history}}
),
cuts AS (
	SELECT
		quantile_cont(revenue, 0.5) AS p50,
		quantile_cont(revenue, 0.75) AS p75,
		quantile_cont(revenue, 0.9) AS p90
	FROM per_customer
),
ranked AS (
	SELECT customer_id, orders, revenue, margin
	FROM per_customer
	ORDER BY revenue DESC, customer_id
	{{limit}}
),
current_versions AS (
	SELECT customer_id, customer_name, city
	FROM gold_dim_customer
	WHERE is_current
)
SELECT
	c.customer_id,
	v.customer_name,
	v.city AS current_city,
	c.orders,
	c.revenue,
	c.margin,
	CASE
		WHEN c.revenue >= cuts.p90 THEN 'Platinum'
		WHEN c.revenue >= cuts.p75 THEN 'Gold'
		WHEN c.revenue >= cuts.p50 THEN 'Silver'
		ELSE 'Bronze'
	END AS tier,
	cuts.p50,
	cuts.p75,
	cuts.p90
FROM ranked c
CROSS JOIN cuts
LEFT JOIN current_versions v ON v.customer_id = c.customer_id
ORDER BY c.revenue DESC, c.customer_id
