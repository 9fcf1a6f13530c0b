-- Grain: one state (level 'state') or one region (level 'region') with sales matching the filters (o: their
-- order parts), both from one pass (GROUPING SETS), by level, then revenue, largest first, the unmapped
-- (NULL) last. A POS sale takes its store's state and region. A web sale takes those of the stores in its
-- city (the customer's); in a city without a store, the state of the order's customer version
-- (gold_dim_customer: observed, else NULL) and the region of that state's stores; else NULL.
-- The parts are first summed by what places them (a POS part's store; a web part's city, and its customer
-- version only in a city without a store), so the joins and the grouping sets read a few rows; a part whose
-- order is counted distinct keeps its order_key for that.
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
placed_by AS (
	SELECT
		o.channel,
		CASE WHEN o.channel = 'pos' THEN o.store_sk END AS store_sk,
		CASE WHEN o.channel = 'pos' THEN NULL ELSE o.city END AS city,
		CASE WHEN o.channel = 'pos' OR a.city IS NOT NULL THEN NULL ELSE o.customer_sk END AS customer_sk,
		CASE WHEN o.order_once IS NULL AND NOT o.is_return THEN o.order_key END AS split_order,
		sum(o.net_amount) AS revenue,
		count(*) FILTER (WHERE o.order_once) AS whole_orders
	FROM {{orders}} o
	LEFT JOIN city_areas a ON a.city = o.city
	GROUP BY ALL
),
placed AS (
	SELECT
		p.*,
		CASE WHEN p.channel = 'pos' THEN s.state ELSE coalesce(a.state, c.state) END AS state,
		CASE WHEN p.channel = 'pos' THEN s.region ELSE coalesce(a.region, r.region) END AS region
	FROM placed_by p
	LEFT JOIN gold_dim_store s ON s.store_sk = p.store_sk
	LEFT JOIN city_areas a ON a.city = p.city
	LEFT JOIN gold_dim_customer c ON c.customer_sk = p.customer_sk
	LEFT JOIN state_regions r ON r.state = coalesce(a.state, c.state)
)
SELECT
	CASE WHEN grouping(o.state) = 0 THEN 'state' ELSE 'region' END AS level,
	CASE WHEN grouping(o.state) = 0 THEN o.state ELSE o.region END AS area,
	CAST(sum(o.revenue) AS DOUBLE) AS revenue,
	CAST(coalesce(sum(o.revenue) FILTER (WHERE o.channel = 'pos'), 0) AS DOUBLE) AS pos_revenue,
	CAST(coalesce(sum(o.revenue) FILTER (WHERE o.channel = 'web'), 0) AS DOUBLE) AS web_revenue,
	CAST(sum(o.whole_orders) + count(DISTINCT o.split_order) AS INTEGER) AS orders
FROM placed o
GROUP BY GROUPING SETS ((o.state), (o.region))
ORDER BY level DESC, area IS NULL, revenue DESC, area
