-- Grain: one bronze shipment row a gate holds back: check 4 when its shipment_id repeats an earlier row's (by
-- _source_file, _row_number), else 2 for a future ship date. Kept rows are not copied.
INSERT INTO silver_held
WITH hashed AS NOT MATERIALIZED (
	SELECT *, hash(shipment_id) AS key_hash FROM silver_src_shipments
),
-- Only rows whose key hash repeats can be duplicates: those few are ranked by the key itself.
duplicates AS (
	SELECT
		_rowid,
		row_number() OVER (PARTITION BY shipment_id ORDER BY _source_file, _row_number) > 1 AS is_duplicate
	FROM hashed
	WHERE key_hash IN (SELECT key_hash FROM hashed GROUP BY key_hash HAVING count(*) > 1)
),
verdicts AS (
	SELECT s.*, silver_gate(d.is_duplicate, ship_date, NULL, NULL, false) AS check_id
	FROM silver_src_shipments s
	LEFT JOIN duplicates d USING (_rowid)
)
SELECT
	'shipments',
	_rowid,
	check_id,
	silver_gate_reason(check_id, 'shipment_id', 'ship_date', ship_date, NULL, NULL, false),
	_batch_id,
	_source_file,
	_row_number,
	printf(
		'{"shipment_id":%s,"order_id":%s,"ship_date":%s,"status":%s,"carrier":%s,"origin_store":%s,'
			|| '"destination_city":%s,"delivery_date":%s,"promised_date":%s}',
		silver_json_text(shipment_id), silver_json_text(order_id), silver_json_text(ship_date),
		silver_json_text(status), silver_json_text(carrier), silver_json_text(origin_store),
		silver_json_text(destination_city), silver_json_text(delivery_date), silver_json_text(promised_date)
	)
FROM verdicts
WHERE check_id IS NOT NULL
