-- Grain: one bronze web order line a gate holds back: check 4 when every contract column repeats an earlier
-- row's (by _source_file, _row_number), else the first of 2, 1, 6 it fails. Kept lines are not copied.
INSERT INTO silver_held
WITH hashed AS NOT MATERIALIZED (
	SELECT *, hash(order_id, product_id) AS key_hash FROM silver_src_web_orders
),
-- Only lines whose order × product hash repeats can be duplicates: those few are ranked by every column.
duplicates AS (
	SELECT
		_rowid,
		row_number() OVER (
			PARTITION BY
				order_id, order_date, product_id, quantity, unit_price, customer_id, customer_name, customer_city,
				product_name, category, total_amount, payment_method, delivery_address
			ORDER BY _source_file, _row_number
		) > 1 AS is_duplicate
	FROM hashed
	WHERE key_hash IN (SELECT key_hash FROM hashed GROUP BY key_hash HAVING count(*) > 1)
),
verdicts AS (
	SELECT s.*, silver_gate(d.is_duplicate, order_date, unit_price, quantity, false) AS check_id
	FROM silver_src_web_orders s
	LEFT JOIN duplicates d USING (_rowid)
)
SELECT
	'web_orders',
	_rowid,
	check_id,
	silver_gate_reason(check_id, 'contract columns', 'order_date', order_date, unit_price, quantity, false),
	_batch_id,
	_source_file,
	_row_number,
	printf(
		'{"order_id":%s,"order_date":%s,"product_id":%s,"quantity":%s,"unit_price":%s,"customer_id":%s,'
			|| '"customer_name":%s,"customer_city":%s,"product_name":%s,"category":%s,"total_amount":%s,'
			|| '"payment_method":%s,"delivery_address":%s}',
		silver_json_text(order_id), silver_json_text(order_date), silver_json_text(product_id),
		silver_json_number(quantity), silver_json_number(unit_price), silver_json_text(customer_id),
		silver_json_text(customer_name), silver_json_text(customer_city), silver_json_text(product_name),
		silver_json_text(category), silver_json_number(total_amount), silver_json_text(payment_method),
		silver_json_text(delivery_address)
	)
FROM verdicts
WHERE check_id IS NOT NULL
