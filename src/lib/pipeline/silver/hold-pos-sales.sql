-- Grain: one bronze POS line a gate holds back: check 4 when every contract column repeats an earlier row's
-- (by _source_file, _row_number), else the first of 2, 1, 6 it fails. Kept lines are not copied.
INSERT INTO silver_held
WITH hashed AS NOT MATERIALIZED (
	SELECT *, hash(invoice_no, product_id) AS key_hash FROM silver_src_pos_sales
),
-- Only lines whose invoice × product hash repeats can be duplicates: those few are ranked by every column.
duplicates AS (
	SELECT
		_rowid,
		row_number() OVER (
			PARTITION BY
				invoice_no, invoice_date, store_id, product_id, quantity, unit_price, store_city, customer_id,
				product_name, category, total_amount, payment_method, line_type
			ORDER BY _source_file, _row_number
		) > 1 AS is_duplicate
	FROM hashed
	WHERE key_hash IN (SELECT key_hash FROM hashed GROUP BY key_hash HAVING count(*) > 1)
),
verdicts AS (
	SELECT s.*, silver_gate(d.is_duplicate, invoice_date, unit_price, quantity, silver_is_return(line_type)) AS check_id
	FROM silver_src_pos_sales s
	LEFT JOIN duplicates d USING (_rowid)
)
SELECT
	'pos_sales',
	_rowid,
	check_id,
	silver_gate_reason(
		check_id, 'contract columns', 'invoice_date', invoice_date, unit_price, quantity, silver_is_return(line_type)
	),
	_batch_id,
	_source_file,
	_row_number,
	printf(
		'{"invoice_no":%s,"invoice_date":%s,"store_id":%s,"product_id":%s,"quantity":%s,"unit_price":%s,'
			|| '"store_city":%s,"customer_id":%s,"product_name":%s,"category":%s,"total_amount":%s,'
			|| '"payment_method":%s,"line_type":%s}',
		silver_json_text(invoice_no), silver_json_text(invoice_date), silver_json_text(store_id),
		silver_json_text(product_id), silver_json_number(quantity), silver_json_number(unit_price),
		silver_json_text(store_city), silver_json_text(customer_id), silver_json_text(product_name),
		silver_json_text(category), silver_json_number(total_amount), silver_json_text(payment_method),
		silver_json_text(line_type)
	)
FROM verdicts
WHERE check_id IS NOT NULL
