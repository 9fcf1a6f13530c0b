-- Grain: one state (level 'state') or one region (level 'region') with sales matching the filters (o: their
-- order parts), both from one pass (GROUPING SETS), by level, then revenue, largest first, the unmapped
-- (NULL) last. A POS sale takes its store's state and region. A web sale takes those of the stores in its
-- city (the customer's); in a city without a store, the state of the order's customer version
-- (gold_dim_customer: observed, else NULL) and the region of that state's stores; else NULL.
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
located AS (
	SELECT o.order_key, o.order_once, o.is_return, o.channel, o.net_amount, s.state AS store_state,
		s.region AS store_region, coalesce(a.state, c.state) AS web_state, a.region AS city_region
	FROM {{orders}} o
	LEFT JOIN gold_dim_store s ON s.store_sk = o.store_sk
	LEFT JOIN city_areas a ON a.city = o.city
	LEFT JOIN gold_dim_customer c ON c.customer_sk = o.customer_sk
),
placed AS (
	SELECT
		l.order_key, l.order_once, l.is_return, l.channel, l.net_amount,
		CASE WHEN l.channel = 'pos' THEN l.store_state ELSE l.web_state END AS state,
		CASE WHEN l.channel = 'pos' THEN l.store_region ELSE coalesce(l.city_region, r.region) END AS region
	FROM located l
	LEFT JOIN state_regions r ON r.state = l.web_state
)
SELECT
	CASE WHEN grouping(o.state) = 0 THEN 'state' ELSE 'region' END AS level,
	CASE WHEN grouping(o.state) = 0 THEN o.state ELSE o.region END AS area,
	CAST(sum(o.net_amount) AS DOUBLE) AS revenue,
	CAST(coalesce(sum(o.net_amount) FILTER (WHERE o.channel = 'pos'), 0) AS DOUBLE) AS pos_revenue,
	CAST(coalesce(sum(o.net_amount) FILTER (WHERE o.channel = 'web'), 0) AS DOUBLE) AS web_revenue,
	{{order_count}} AS orders
FROM placed o
GROUP BY GROUPING SETS ((o.state), (o.region))
ORDER BY level DESC, area IS NULL, revenue DESC, area
