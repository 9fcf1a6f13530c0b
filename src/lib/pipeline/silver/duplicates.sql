-- Grain: one bronze row dropped by check 4 (it repeats an earlier row's business columns or natural key),
-- with its lineage: the evidence behind the duplicate counts.
CREATE OR REPLACE TABLE silver_duplicates AS
SELECT dataset, reason, _batch_id, _source_file, _row_number
FROM silver_held
WHERE check_id = 4
