-- Grain: one sales line matching {{sales}} (on gold_fact_sales f), as a part of its order with
-- gold_fact_orders' columns (fact-orders.sql), order_once NULL so its order is counted by distinct order_key.
-- For filters that split an order (a category), where grouping the lines per order first costs more than
-- counting them distinct.
SELECT
	f.order_key, f.date_key, f.channel, f.store_sk, f.city, f.customer_sk, f.customer_id, f.is_spike, f.is_return,
	1 AS lines,
	f.quantity AS units,
	f.net_amount,
	f.cost_amount,
	f.net_amount - f.cost_amount AS margin_amount,
	CAST(f.cost_amount IS NULL AS INTEGER) AS uncosted_lines,
	CAST(NULL AS BOOLEAN) AS order_once
FROM gold_fact_sales f
WHERE {{sales}}
