-- Grain: one natural customer (UNKNOWN left out) over their whole history in the sales matching {{sales}}
-- (by natural id, not SCD2 version, so movers keep their history): orders (a return is not one), revenue,
-- margin and the last sales day as a yyyymmdd key. CLV and RFM both read it, so a report computes it once.
SELECT
	f.customer_id,
	CAST(count(DISTINCT f.order_key) FILTER (WHERE NOT f.is_return) AS INTEGER) AS orders,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue,
	CAST(sum(f.net_amount - f.cost_amount) AS DOUBLE) AS margin,
	max(f.date_key) AS last_key
FROM gold_fact_sales f
WHERE {{sales}} AND f.customer_id <> 'UNKNOWN'
GROUP BY f.customer_id
