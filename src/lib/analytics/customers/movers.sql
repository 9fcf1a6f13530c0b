-- Grain: one version (gold_dim_customer) of the first {{limit}} movers by customer id (natural customers with
-- two or more versions), by customer id and version, with the revenue booked to the version (customer_sk) of
-- the sales matching the filters (o: their order parts, order-parts.ts), and the count of all movers on every
-- row.
WITH movers AS (
	SELECT customer_id
	FROM gold_dim_customer
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY customer_id
	HAVING count(*) >= 2
),
listed AS (
	SELECT customer_id FROM movers ORDER BY customer_id LIMIT {{limit}}
),
per_version AS (
	SELECT o.customer_sk, sum(o.net_amount) AS revenue
	FROM {{orders}} o
	GROUP BY o.customer_sk
)
SELECT
	c.customer_id,
	c.city,
	strftime(c.valid_from, '%Y-%m-%d %H:%M:%S') AS valid_from,
	strftime(c.valid_to, '%Y-%m-%d %H:%M:%S') AS valid_to,
	c.is_current,
	CAST(coalesce(r.revenue, 0) AS DOUBLE) AS revenue,
	(SELECT CAST(count(*) AS INTEGER) FROM movers) AS total
FROM gold_dim_customer c
JOIN listed l ON l.customer_id = c.customer_id
LEFT JOIN per_version r ON r.customer_sk = c.customer_sk
ORDER BY c.customer_id, c.version
