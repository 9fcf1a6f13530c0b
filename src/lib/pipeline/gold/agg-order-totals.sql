-- Grain: one customer version × channel × city × spike flag × return flag{{grain}} of the order parts
-- (order-parts.sql) over every day of {{parts}}: the parts' sums, and their last day as date_key;
-- gold_agg_order_totals and, by category, gold_agg_category_order_totals. What the queries over the order parts
-- read when no date range is set: 27,331 rows at 1M lines against 398,308 parts (124,756 against 723,466 by
-- category). As in agg-daily-orders.sql, whole_orders counts the parts that stand for their order (order_once),
-- and a part of an order counted distinct (order_once NULL, not a return) keeps its row and its order_key as
-- split_order_key, so sum(whole_orders) + count(DISTINCT split_order_key) counts distinct orders under any filter
-- on these columns.
SELECT
	customer_sk,
	customer_id,
	channel,
	city,
	is_spike,
	is_return{{grain}},
	CASE WHEN order_once IS NULL AND NOT is_return THEN order_key END AS split_order_key,
	CAST(count(*) FILTER (WHERE order_once) AS INTEGER) AS whole_orders,
	CAST(sum(net_amount) AS DECIMAL(18,2)) AS net_amount,
	CAST(sum(cost_amount) AS DECIMAL(18,2)) AS cost_amount,
	CAST(sum(margin_amount) AS DECIMAL(18,2)) AS margin_amount,
	CAST(sum(units) AS BIGINT) AS units,
	CAST(sum(uncosted_lines) AS INTEGER) AS uncosted_lines,
	max(date_key) AS date_key
FROM {{parts}}
GROUP BY ALL
