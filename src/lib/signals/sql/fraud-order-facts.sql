-- Grain: one web order of fraud_orders (fraud-orders.sql), numbered by seq in time order, the last part of
-- scoring web orders: the facts its fraud signals read, with the account's age, whether it was shipped to
-- a city the account had not used before (fraud_seen_cities), and how many of the account's orders fall within
-- 30 minutes.
CREATE OR REPLACE TEMP TABLE fraud_order_facts AS
WITH high_value AS (
	SELECT quantile_cont(amount, 0.99) AS threshold FROM fraud_orders
)
SELECT
	CAST(row_number() OVER (ORDER BY o.ts, o.order_id) AS INTEGER) AS seq,
	o.order_id,
	strftime(o.ts, '%Y-%m-%d %H:%M:%S') AS ts,
	o.customer_id,
	o.account_city,
	o.ship_city,
	o.amount,
	o.units,
	o.lines,
	o.max_quantity,
	o.categories,
	(SELECT threshold FROM high_value) AS high_value_threshold,
	CASE
		WHEN o.customer_id = 'UNKNOWN' THEN 1
		ELSE CAST(count(*) OVER (
			PARTITION BY o.customer_id ORDER BY o.ts
			RANGE BETWEEN INTERVAL 30 MINUTES PRECEDING AND INTERVAL 30 MINUTES FOLLOWING
		) AS INTEGER)
	END AS orders_within_30_min,
	CASE WHEN o.customer_id = 'UNKNOWN' THEN NULL ELSE epoch(o.ts - fo.first_ts) / 3600 END AS account_age_hours,
	o.bulk,
	o.repeat_bulk,
	-- Not seen before: no row, or first seen at this order or later (an equality join, not a NOT EXISTS
	-- with the time comparison inside, which took most of this statement).
	o.ship_city IS NOT NULL
		AND o.ship_city <> o.account_city
		AND o.customer_id <> 'UNKNOWN'
		AND coalesce(seen.since >= o.ts, true) AS new_ship_city
FROM fraud_orders o
LEFT JOIN fraud_first_orders fo ON fo.customer_id = o.customer_id
LEFT JOIN fraud_seen_cities seen ON seen.customer_id = o.customer_id AND seen.city = o.ship_city
