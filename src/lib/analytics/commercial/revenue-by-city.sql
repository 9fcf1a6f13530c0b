-- Grain: one city of a line (POS: the store's, web: the customer's) with sales matching the filters
-- (o: their order parts summed by day and place, order-parts.ts dailyOrders), by revenue, largest first.
SELECT
	o.city,
	CAST(sum(o.net_amount) AS DOUBLE) AS revenue,
	CAST(coalesce(sum(o.net_amount) FILTER (WHERE o.channel = 'pos'), 0) AS DOUBLE) AS pos_revenue,
	CAST(coalesce(sum(o.net_amount) FILTER (WHERE o.channel = 'web'), 0) AS DOUBLE) AS web_revenue,
	{{order_count}} AS orders
FROM {{orders}} o
GROUP BY o.city
ORDER BY revenue DESC, o.city
