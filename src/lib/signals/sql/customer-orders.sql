-- Grain: one order (either channel) of one customer ({{customer}}, a natural id), newest first: when,
-- where, what, how much, and for a web order where it was shipped.
SELECT
	f.channel,
	f.order_id,
	strftime(min(f.ts), '%Y-%m-%d %H:%M:%S') AS ts,
	any_value(f.city) AS city,
	any_value(s.destination_city) AS ship_city,
	CAST(sum(f.net_amount) AS DOUBLE) AS amount,
	CAST(sum(f.quantity) AS INTEGER) AS units,
	string_agg(p.product_name || ' × ' || f.quantity, ', ' ORDER BY f.line_no) AS items
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
LEFT JOIN gold_fact_shipments s ON f.channel = 'web' AND s.order_id = f.order_id
WHERE f.customer_id = {{customer}}
GROUP BY f.channel, f.order_id
ORDER BY min(f.ts) DESC, f.order_id DESC
LIMIT 200
