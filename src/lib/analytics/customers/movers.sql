-- Grain: one version (gold_dim_customer) of the first {{limit}} movers by customer id (natural customers with
-- two or more versions), by customer id and version, with the revenue of the sales matching {{sales}} booked
-- to the version (customer_sk) and the count of all movers on every row.
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
	SELECT f.customer_sk, sum(f.net_amount) AS revenue
	FROM gold_fact_sales f
	WHERE {{sales}}
	GROUP BY f.customer_sk
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
