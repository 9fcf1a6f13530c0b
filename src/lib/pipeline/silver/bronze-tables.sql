-- Grain: one bronze table that exists now (a dataset never ingested has none).
SELECT table_name
FROM duckdb_tables()
WHERE database_name = current_database() AND schema_name = 'main' AND starts_with(table_name, 'bronze_')
