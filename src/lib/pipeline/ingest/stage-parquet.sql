-- Grain: one row of the Parquet raw file being ingested, every column rendered as text by DuckDB.
SELECT {{columns}}
FROM _ingest_parquet
