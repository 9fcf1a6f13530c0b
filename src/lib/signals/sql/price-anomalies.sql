-- Grain: one product × day × direction whose lines were charged under half or over twice the product's
-- typical price: the median of its daily median prices over the 60 days either side (at least 5 days
-- with sales). Flagged quantity spikes left out.
WITH daily AS (
	SELECT f.product_sk, d.date AS day, CAST(median(f.unit_price) AS DOUBLE) AS day_price
	FROM gold_fact_sales f
	JOIN gold_dim_date d ON d.date_key = f.date_key
	WHERE NOT f.is_spike
	GROUP BY ALL
),
typical AS (
	SELECT
		product_sk,
		day,
		median(day_price) OVER around AS typical_price,
		count(*) OVER around AS days_seen
	FROM daily
	WINDOW around AS (
		PARTITION BY product_sk ORDER BY day
		RANGE BETWEEN INTERVAL 60 DAYS PRECEDING AND INTERVAL 60 DAYS FOLLOWING
	)
),
lines AS (
	SELECT
		f.*,
		t.day,
		t.typical_price,
		CASE WHEN f.unit_price < t.typical_price THEN 'down' ELSE 'up' END AS direction
	FROM gold_fact_sales f
	JOIN gold_dim_date d ON d.date_key = f.date_key
	JOIN typical t ON t.product_sk = f.product_sk AND t.day = d.date
	WHERE NOT f.is_spike
		AND t.days_seen >= 5
		AND (f.unit_price < 0.5 * t.typical_price OR f.unit_price > 2 * t.typical_price)
)
SELECT
	p.product_id,
	p.product_name,
	p.category,
	strftime(l.day, '%Y-%m-%d') AS day,
	l.direction,
	CAST(count(*) AS INTEGER) AS lines,
	CAST(sum(l.quantity) AS DOUBLE) AS units,
	CAST(median(l.unit_price) AS DOUBLE) AS price,
	any_value(l.typical_price) AS typical_price,
	CAST(sum(l.net_amount) AS DOUBLE) AS revenue,
	sum(l.quantity * l.typical_price) AS expected_revenue,
	string_agg(DISTINCT l.city, '|' ORDER BY l.city) AS cities,
	string_agg(DISTINCT l.channel, '|' ORDER BY l.channel) AS channels
FROM lines l
JOIN gold_dim_product p ON p.product_sk = l.product_sk
GROUP BY p.product_id, p.product_name, p.category, l.day, l.direction
ORDER BY l.day, p.product_id
