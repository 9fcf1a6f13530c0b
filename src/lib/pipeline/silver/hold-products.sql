-- Grain: one bronze products master row check 4 holds back: its product_id repeats an earlier row's (by
-- _source_file, _row_number). A master passes no other gate; its first row of each product is kept.
INSERT INTO silver_held
SELECT
	'products', _rowid, 4, silver_gate_reason(4, 'product_id', NULL, NULL, NULL, NULL, false),
	_batch_id, _source_file, _row_number, NULL
FROM silver_src_products
QUALIFY row_number() OVER (PARTITION BY product_id ORDER BY _source_file, _row_number) > 1
