-- Grain: one bronze row a silver gate holds back (the hold-*.sql statements fill it): the dataset, the row's
-- _rowid in its source view, the check (4 duplicate, 2 future date, 1 negative price, 6 quantity range), the
-- reason, lineage, and the row as JSON (NULL for a master's duplicate).
CREATE OR REPLACE TEMP TABLE silver_held (
	dataset VARCHAR,
	_rowid BIGINT,
	check_id INTEGER,
	reason VARCHAR,
	_batch_id VARCHAR,
	_source_file VARCHAR,
	_row_number BIGINT,
	record VARCHAR
)
