-- Grain: one day × channel × city × state × region × is_spike{{grain}} of the order parts {{parts}}
-- (order-parts.sql), with the parts' revenue and the orders they count whole: what the dashboards' revenue
-- trend, channel mix and revenue by city, state and region read, a few rows a day instead of every order.
-- A sale part takes its state and region where it was sold: a POS part its store's; a web part those of the
-- stores in its city (the customer's), and in a city without a store the state of the part's customer version
-- (gold_dim_customer: observed, else NULL) and the region of that state's stores; else NULL.
-- whole_orders counts the parts that stand for their order (order_once); a part of the rare order counted
-- distinct (order_once NULL, not a return) keeps its order_key as split_order_key, every other row has NULL
-- there, so sum(whole_orders) + count(DISTINCT split_order_key) counts distinct orders under any filter on
-- these columns.
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
keyed AS (
	SELECT
		o.*,
		CASE WHEN o.channel = 'pos' THEN o.store_sk END AS pos_store_sk,
		CASE WHEN o.channel = 'pos' THEN NULL ELSE o.city END AS web_city
	FROM {{parts}} o
),
web_placed AS (
	SELECT
		k.*,
		a.state AS city_state,
		a.region AS city_region,
		CASE WHEN k.channel = 'pos' OR a.city IS NOT NULL THEN NULL ELSE k.customer_sk END AS storeless_customer_sk
	FROM keyed k
	LEFT JOIN city_areas a ON a.city = k.web_city
),
placed AS (
	SELECT
		w.*,
		CASE WHEN w.channel = 'pos' THEN s.state ELSE coalesce(w.city_state, c.state) END AS state,
		CASE WHEN w.channel = 'pos' THEN s.region ELSE coalesce(w.city_region, r.region) END AS region
	FROM web_placed w
	LEFT JOIN gold_dim_store s ON s.store_sk = w.pos_store_sk
	LEFT JOIN gold_dim_customer c ON c.customer_sk = w.storeless_customer_sk
	LEFT JOIN state_regions r ON r.state = coalesce(w.city_state, c.state)
)
SELECT
	date_key, channel, city, state, region, is_spike{{grain}},
	CASE WHEN order_once IS NULL AND NOT is_return THEN order_key END AS split_order_key,
	CAST(sum(net_amount) AS DECIMAL(18,2)) AS net_amount,
	CAST(count(*) FILTER (WHERE order_once) AS INTEGER) AS whole_orders
FROM placed
GROUP BY ALL
ORDER BY {{sort}}
