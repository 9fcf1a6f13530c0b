-- Grain: one web order with a bulk line (fraud_lines), and whether the same account had already bought one of
-- its bulk products in bulk: the repeat-bulk signal of fraud-orders.sql, a step of its own.
CREATE OR REPLACE TEMP TABLE fraud_repeat_bulk AS
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
