-- Grain: one bronze stores master row check 4 holds back: its store_id repeats an earlier row's (by
-- _source_file, _row_number). A master passes no other gate; its first row of each store is kept.
INSERT INTO silver_held
SELECT
	'stores', _rowid, 4, silver_gate_reason(4, 'store_id', NULL, NULL, NULL, NULL, false),
	_batch_id, _source_file, _row_number, NULL
FROM silver_src_stores
QUALIFY row_number() OVER (PARTITION BY store_id ORDER BY _source_file, _row_number) > 1
