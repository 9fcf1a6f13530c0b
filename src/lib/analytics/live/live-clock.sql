-- Grain: one row, the live panel's headline. The lake's clock is its newest web order's time (live batches
-- carry the clock on after the generated range); "today" is that clock's day, all channels.
WITH clock AS (SELECT max(ts) AS now FROM gold_fact_sales WHERE channel = 'web')
SELECT
	strftime(c.now, '%Y-%m-%d %H:%M:%S') AS now,
	count(DISTINCT f.order_key) FILTER (WHERE f.channel = 'web' AND f.ts > c.now - INTERVAL 60 SECOND) AS web_orders_last_minute,
	count(DISTINCT f.order_key) AS orders_today,
	coalesce(sum(f.net_amount), 0)::DOUBLE AS revenue_today
FROM clock c
JOIN gold_fact_sales f ON f.ts >= date_trunc('day', c.now)
GROUP BY c.now
