-- Grain: one version (gold_dim_customer) of the first {{limit}} movers by customer id (natural customers with
-- two or more versions), with the count of all movers on every row. Read by movers.sql; it reads no filter,
-- so it is made once per loaded Gold.
WITH movers AS (
	SELECT customer_id
	FROM gold_dim_customer
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY customer_id
	HAVING count(*) >= 2
),
listed AS (
	SELECT customer_id FROM movers ORDER BY customer_id LIMIT {{limit}}
)
SELECT
	c.customer_id,
	c.customer_sk,
	c.version,
	c.city,
	c.valid_from,
	c.valid_to,
	c.is_current,
	(SELECT CAST(count(*) AS INTEGER) FROM movers) AS total
FROM gold_dim_customer c
JOIN listed l ON l.customer_id = c.customer_id
