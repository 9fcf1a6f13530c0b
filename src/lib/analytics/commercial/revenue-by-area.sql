-- Grain: one state (level 'state') or one region (level 'region') with sales matching the filters, both
-- from one pass over the lines (GROUPING SETS), by level, then revenue, largest first, the unmapped (NULL)
-- last. A POS line takes its store's state and region. A web line takes those of the stores
-- in its city (the customer's); in a city without a store, the state of the line's customer version
-- (gold_dim_customer: observed, else NULL) and the region of that state's stores; else NULL. The lines
-- are first summed per order and what places it (at 1M lines, 400k rows), so the joins and the distinct
-- counts read fewer rows.
WITH city_areas AS (
	SELECT city, min(state) AS state, min(region) AS region
	FROM gold_dim_store
	WHERE city IS NOT NULL
	GROUP BY city
),
state_regions AS (
	SELECT state, min(region) AS region
	FROM gold_dim_store
	WHERE state IS NOT NULL
	GROUP BY state
),
order_lines AS (
	SELECT f.order_key, f.is_return, f.channel, f.store_sk, f.city, f.customer_sk, sum(f.net_amount) AS net_amount
	FROM gold_fact_sales f
	WHERE {{sales}}
	GROUP BY ALL
),
located AS (
	SELECT f.order_key, f.is_return, f.channel, f.net_amount, s.state AS store_state, s.region AS store_region,
		coalesce(a.state, c.state) AS web_state, a.region AS city_region
	FROM order_lines f
	LEFT JOIN gold_dim_store s ON s.store_sk = f.store_sk
	LEFT JOIN city_areas a ON a.city = f.city
	LEFT JOIN gold_dim_customer c ON c.customer_sk = f.customer_sk
),
lines AS (
	SELECT
		l.order_key, l.is_return, l.channel, l.net_amount,
		CASE WHEN l.channel = 'pos' THEN l.store_state ELSE l.web_state END AS state,
		CASE WHEN l.channel = 'pos' THEN l.store_region ELSE coalesce(l.city_region, r.region) END AS region
	FROM located l
	LEFT JOIN state_regions r ON r.state = l.web_state
)
SELECT
	CASE WHEN grouping(state) = 0 THEN 'state' ELSE 'region' END AS level,
	CASE WHEN grouping(state) = 0 THEN state ELSE region END AS area,
	CAST(sum(net_amount) AS DOUBLE) AS revenue,
	CAST(coalesce(sum(net_amount) FILTER (WHERE channel = 'pos'), 0) AS DOUBLE) AS pos_revenue,
	CAST(coalesce(sum(net_amount) FILTER (WHERE channel = 'web'), 0) AS DOUBLE) AS web_revenue,
	CAST(count(DISTINCT order_key) FILTER (WHERE NOT is_return) AS INTEGER) AS orders
FROM lines
GROUP BY GROUPING SETS ((state), (region))
ORDER BY level DESC, area IS NULL, revenue DESC, area
