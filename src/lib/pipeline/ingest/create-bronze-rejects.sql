-- Grain: one raw data row that could not be parsed or failed its contract, with why and its original text.
CREATE TABLE IF NOT EXISTS bronze_rejects (
	dataset VARCHAR,
	_batch_id VARCHAR,
	_source_file VARCHAR,
	_row_number BIGINT,
	reason VARCHAR,
	raw_text VARCHAR,
	_ingested_at TIMESTAMP
);
