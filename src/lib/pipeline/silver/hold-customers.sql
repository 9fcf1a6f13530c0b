-- Grain: one bronze CRM extract row a gate holds back: check 4 when its customer_id × extracted_at repeats an
-- earlier row's (by _source_file, _row_number), else 2 for a future extract. Kept rows are not copied.
INSERT INTO silver_held
WITH hashed AS NOT MATERIALIZED (
	SELECT *, hash(customer_id, extracted_at) AS key_hash FROM silver_src_customers
),
-- Only rows whose key hash repeats can be duplicates: those few are ranked by the key itself.
duplicates AS (
	SELECT
		_rowid,
		row_number() OVER (
			PARTITION BY customer_id, extracted_at ORDER BY _source_file, _row_number
		) > 1 AS is_duplicate
	FROM hashed
	WHERE key_hash IN (SELECT key_hash FROM hashed GROUP BY key_hash HAVING count(*) > 1)
),
verdicts AS (
	SELECT s.*, silver_gate(d.is_duplicate, extracted_at, NULL, NULL, false) AS check_id
	FROM silver_src_customers s
	LEFT JOIN duplicates d USING (_rowid)
)
SELECT
	'customers',
	_rowid,
	check_id,
	silver_gate_reason(check_id, 'customer_id, extracted_at', 'extracted_at', extracted_at, NULL, NULL, false),
	_batch_id,
	_source_file,
	_row_number,
	printf(
		'{"customer_id":%s,"city":%s,"extracted_at":%s,"customer_name":%s,"state":%s,"signup_date":%s}',
		silver_json_text(customer_id), silver_json_text(city), silver_json_text(extracted_at),
		silver_json_text(customer_name), silver_json_text(state), silver_json_text(signup_date)
	)
FROM verdicts
WHERE check_id IS NOT NULL
