-- Grain: one web order, the newest first: the live panel's last orders (an order's lines share its time).
SELECT
	order_id,
	strftime(max(ts), '%Y-%m-%d %H:%M:%S') AS ts,
	any_value(city) AS city,
	count(*)::INTEGER AS lines,
	sum(net_amount)::DOUBLE AS amount
FROM gold_fact_sales
WHERE channel = 'web' AND ts >= (SELECT max(ts) - INTERVAL 1 DAY FROM gold_fact_sales WHERE channel = 'web')
GROUP BY order_id
ORDER BY max(ts) DESC, order_id DESC
LIMIT 5
