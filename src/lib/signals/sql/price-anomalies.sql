-- Grain: one product × day × direction whose lines were charged under {{low}} or over {{high}} times the
-- product's typical price: the table {{mispriced}} holds those days with their typical price
-- (typical-prices.ts). Flagged quantity spikes left out.
WITH lines AS (
	SELECT
		f.*,
		m.typical_price,
		CASE WHEN f.unit_price < m.typical_price THEN 'down' ELSE 'up' END AS direction
	FROM gold_fact_sales f
	JOIN {{mispriced}} m ON m.product_sk = f.product_sk AND m.date_key = f.date_key
	WHERE NOT f.is_spike
		AND (f.unit_price < {{low}} * m.typical_price OR f.unit_price > {{high}} * m.typical_price)
)
SELECT
	p.product_id,
	p.product_name,
	p.category,
	strftime(d.date, '%Y-%m-%d') AS day,
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
JOIN gold_dim_date d ON d.date_key = l.date_key
GROUP BY p.product_id, p.product_name, p.category, d.date, l.direction
ORDER BY d.date, p.product_id
