-- Grain: one channel (pos, web) with sales matching the filters (o: their daily order sums): share,
-- its part of their revenue (the order parts summed by day and place, order-parts.ts dailyOrders).
SELECT
	o.channel,
	CAST(sum(o.net_amount) AS DOUBLE) AS revenue,
	{{order_count}} AS orders,
	CAST(sum(o.net_amount) / nullif(sum(sum(o.net_amount)) OVER (), 0) AS DOUBLE) AS share
FROM {{orders}} o
GROUP BY o.channel
ORDER BY o.channel
