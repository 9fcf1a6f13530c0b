-- Grain: one web order (flagged quantity spikes left out) with the facts its fraud signals read: the
-- account and its age, the amount, the most units of one product, where it was shipped and whether the
-- account had used that city before, and how many of the account's orders fall within 30 minutes of it.
WITH lines AS (
	SELECT f.order_id, f.ts, f.customer_id, f.city, f.quantity, f.net_amount, p.product_id, p.category
	FROM gold_fact_sales f
	JOIN gold_dim_product p ON p.product_sk = f.product_sk
	WHERE f.channel = 'web' AND NOT f.is_spike
),
category_quantity AS (
	-- The 99th percentile of a line's quantity in each category, both channels (a few bulk lines cannot
	-- move it, where they would move a 99.9th).
	SELECT p.category, quantile_disc(f.quantity, 0.99) AS q99
	FROM gold_fact_sales f
	JOIN gold_dim_product p ON p.product_sk = f.product_sk
	WHERE NOT f.is_spike
	GROUP BY p.category
),
marked AS (
	SELECT l.*, l.quantity >= greatest({{bulk_floor}}, 2 * c.q99) AS is_bulk
	FROM lines l
	JOIN category_quantity c ON c.category = l.category
),
bulk_before AS (
	-- Bulk lines of a product the same account had already bought in bulk.
	SELECT order_id, bool_or(earlier > 0) AS repeat_bulk
	FROM (
		SELECT
			order_id,
			count(*) OVER (
				PARTITION BY customer_id, product_id ORDER BY ts, order_id
				ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
			) AS earlier
		FROM marked
		WHERE is_bulk AND customer_id <> 'UNKNOWN'
	)
	GROUP BY order_id
),
orders AS (
	SELECT
		order_id,
		min(ts) AS ts,
		coalesce(max(customer_id) FILTER (WHERE customer_id <> 'UNKNOWN'), 'UNKNOWN') AS customer_id,
		any_value(city) AS account_city,
		CAST(sum(net_amount) AS DOUBLE) AS amount,
		CAST(sum(quantity) AS INTEGER) AS units,
		CAST(count(*) AS INTEGER) AS lines,
		CAST(max(quantity) AS INTEGER) AS max_quantity,
		bool_or(is_bulk) AS bulk,
		-- Sorted distinct categories from a list: string_agg(DISTINCT … ORDER BY …) took a second longer at 1M.
		array_to_string(list_sort(list_distinct(list(category))), '|') AS categories
	FROM marked
	GROUP BY order_id
),
first_order AS (
	SELECT customer_id, min(ts) AS first_ts
	FROM gold_fact_sales
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY customer_id
),
shipped AS (
	SELECT order_id, any_value(destination_city) AS ship_city
	FROM gold_fact_shipments
	WHERE order_found
	GROUP BY order_id
),
seen_in AS (
	-- Every city an account was seen in, from when: its sales' cities (both channels) and ship-to cities.
	SELECT customer_id, city, min(ts) AS since
	FROM gold_fact_sales
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY ALL
	UNION ALL
	SELECT o.customer_id, s.ship_city, min(o.ts)
	FROM orders o
	JOIN shipped s ON s.order_id = o.order_id
	WHERE o.customer_id <> 'UNKNOWN'
	GROUP BY ALL
),
high_value AS (
	SELECT quantile_cont(amount, 0.99) AS threshold FROM orders
)
SELECT
	o.order_id,
	strftime(o.ts, '%Y-%m-%d %H:%M:%S') AS ts,
	o.customer_id,
	o.account_city,
	s.ship_city,
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
	coalesce(b.repeat_bulk, false) AS repeat_bulk,
	s.ship_city IS NOT NULL
		AND s.ship_city <> o.account_city
		AND o.customer_id <> 'UNKNOWN'
		AND NOT EXISTS (
			SELECT 1 FROM seen_in h WHERE h.customer_id = o.customer_id AND h.city = s.ship_city AND h.since < o.ts
		) AS new_ship_city
FROM orders o
LEFT JOIN first_order fo ON fo.customer_id = o.customer_id
LEFT JOIN shipped s ON s.order_id = o.order_id
LEFT JOIN bulk_before b ON b.order_id = o.order_id
ORDER BY o.ts, o.order_id
