-- Grain: one web order of fraud_lines (fraud-lines.sql), the second part of scoring web orders: its account,
-- amount, units, lines, categories, whether it holds a bulk line or repeats an earlier one, and where it
-- was shipped.
CREATE OR REPLACE TEMP TABLE fraud_orders AS
WITH bulk_before AS (
	-- Bulk lines of a product the same account had already bought in bulk.
	SELECT order_id, bool_or(earlier > 0) AS repeat_bulk
	FROM (
		SELECT
			order_id,
			count(*) OVER (
				PARTITION BY customer_id, product_id ORDER BY ts, order_id
				ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
			) AS earlier
		FROM fraud_lines
		WHERE is_bulk AND customer_id <> 'UNKNOWN'
	)
	GROUP BY order_id
),
orders AS (
	SELECT
		order_id,
		min(ts) AS ts,
		coalesce(max(customer_id) FILTER (WHERE customer_id <> 'UNKNOWN'), 'UNKNOWN') AS customer_id,
		any_value(city) AS account_city,
		CAST(sum(net_amount) AS DOUBLE) AS amount,
		CAST(sum(quantity) AS INTEGER) AS units,
		CAST(count(*) AS INTEGER) AS lines,
		CAST(max(quantity) AS INTEGER) AS max_quantity,
		bool_or(is_bulk) AS bulk,
		-- Sorted distinct categories from a list: string_agg(DISTINCT … ORDER BY …) took a second longer at 1M.
		array_to_string(list_sort(list_distinct(list(category))), '|') AS categories
	FROM fraud_lines
	GROUP BY order_id
),
shipped AS (
	SELECT order_id, any_value(destination_city) AS ship_city
	FROM gold_fact_shipments
	WHERE order_found
	GROUP BY order_id
)
SELECT o.*, s.ship_city, coalesce(b.repeat_bulk, false) AS repeat_bulk
FROM orders o
LEFT JOIN shipped s ON s.order_id = o.order_id
LEFT JOIN bulk_before b ON b.order_id = o.order_id
