-- Grain: one version of the listed movers ({{versions}} v: mover-versions.sql), by customer id and version,
-- with the revenue booked to the version (customer_sk) of the sales matching the filters (o: their order
-- parts, order-parts.ts), and the count of all movers on every row.
WITH per_version AS (
	SELECT o.customer_sk, sum(o.net_amount) AS revenue
	FROM {{orders}} o
	WHERE o.customer_sk IN (SELECT customer_sk FROM {{versions}})
	GROUP BY o.customer_sk
)
SELECT
	v.customer_id,
	v.city,
	strftime(v.valid_from, '%Y-%m-%d %H:%M:%S') AS valid_from,
	strftime(v.valid_to, '%Y-%m-%d %H:%M:%S') AS valid_to,
	v.is_current,
	CAST(coalesce(r.revenue, 0) AS DOUBLE) AS revenue,
	v.total
FROM {{versions}} v
LEFT JOIN per_version r ON r.customer_sk = v.customer_sk
ORDER BY v.customer_id, v.version
