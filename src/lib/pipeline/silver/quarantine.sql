-- Grain: one bronze row held back by a gate other than check 4 (2 future date, 1 negative price, 6 quantity
-- range), with its rule, reason, lineage and the row as JSON.
CREATE OR REPLACE TABLE silver_quarantine AS
SELECT
	dataset, check_id, silver_gate_rule(check_id) AS rule, reason, _batch_id, _source_file, _row_number, record
FROM silver_held
WHERE check_id <> 4
