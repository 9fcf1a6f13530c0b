-- Grain: one natural customer (UNKNOWN left out) over their whole history in the sales matching the filters
-- (o: their order parts, order-parts.ts; by natural id, not SCD2 version, so movers keep their history):
-- orders (a return is not one), revenue, margin (of the costed lines) and the last sales day as a yyyymmdd
-- key; net_amount is the revenue as the exact decimal sum, which customers by city add up. CLV, RFM and the
-- cities read it, so a report computes it once.
SELECT
	o.customer_id,
	{{order_count}} AS orders,
	CAST(sum(o.net_amount) AS DOUBLE) AS revenue,
	sum(o.net_amount) AS net_amount,
	CAST(sum(o.margin_amount) AS DOUBLE) AS margin,
	max(o.date_key) AS last_key
FROM {{orders}} o
WHERE o.customer_id <> 'UNKNOWN'
GROUP BY o.customer_id
