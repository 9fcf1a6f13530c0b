-- Grain: one web order of fraud_lines (fraud-lines.sql), the second part of scoring web orders: its account,
-- amount, units, lines, categories, whether it holds a bulk line or repeats an earlier one, and where it
-- was shipped (fraud_order_categories, fraud_repeat_bulk and fraud_ship_cities: steps made before it).
CREATE OR REPLACE TEMP TABLE fraud_orders AS
WITH orders AS (
	SELECT
		order_id,
		min(ts) AS ts,
		coalesce(max(customer_id) FILTER (WHERE customer_id <> 'UNKNOWN'), 'UNKNOWN') AS customer_id,
		any_value(city) AS account_city,
		CAST(sum(net_amount) AS DOUBLE) AS amount,
		CAST(sum(quantity) AS INTEGER) AS units,
		CAST(count(*) AS INTEGER) AS lines,
		CAST(max(quantity) AS INTEGER) AS max_quantity,
		bool_or(is_bulk) AS bulk
	FROM fraud_lines
	GROUP BY order_id
)
SELECT o.*, c.categories, s.ship_city, coalesce(b.repeat_bulk, false) AS repeat_bulk
FROM orders o
JOIN fraud_order_categories c ON c.order_id = o.order_id
LEFT JOIN fraud_ship_cities s ON s.order_id = o.order_id
LEFT JOIN fraud_repeat_bulk b ON b.order_id = o.order_id
