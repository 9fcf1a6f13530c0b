-- Grain: one bronze inventory row a gate holds back: check 4 when its snapshot_date × store_id × product_id
-- repeats an earlier row's (by _source_file, _row_number), else 2 for a future snapshot. Kept rows are not
-- copied.
INSERT INTO silver_held
WITH hashed AS NOT MATERIALIZED (
	SELECT *, hash(snapshot_date, store_id, product_id) AS key_hash FROM silver_src_inventory
),
-- Only rows whose key hash repeats can be duplicates: those few are ranked by the key itself.
duplicates AS (
	SELECT
		_rowid,
		row_number() OVER (
			PARTITION BY snapshot_date, store_id, product_id ORDER BY _source_file, _row_number
		) > 1 AS is_duplicate
	FROM hashed
	WHERE key_hash IN (SELECT key_hash FROM hashed GROUP BY key_hash HAVING count(*) > 1)
),
verdicts AS (
	SELECT s.*, silver_gate(d.is_duplicate, snapshot_date, NULL, NULL, false) AS check_id
	FROM silver_src_inventory s
	LEFT JOIN duplicates d USING (_rowid)
)
SELECT
	'inventory',
	_rowid,
	check_id,
	silver_gate_reason(
		check_id, 'snapshot_date, store_id, product_id', 'snapshot_date', snapshot_date, NULL, NULL, false
	),
	_batch_id,
	_source_file,
	_row_number,
	printf(
		'{"snapshot_date":%s,"store_id":%s,"product_id":%s,"quantity_on_hand":%s,"store_city":%s,'
			|| '"product_name":%s,"category":%s,"reorder_level":%s,"unit_cost":%s}',
		silver_json_text(snapshot_date), silver_json_text(store_id), silver_json_text(product_id),
		silver_json_number(quantity_on_hand), silver_json_text(store_city), silver_json_text(product_name),
		silver_json_text(category), silver_json_number(reorder_level), silver_json_number(unit_cost)
	)
FROM verdicts
WHERE check_id IS NOT NULL
