-- Grain: one business column of a layer table (bronze_*, silver_*, gold_*), in table and column order; the
-- evidence tables (rejects, quarantine, duplicates, orphans) and lineage columns (leading _) are left out.
SELECT c.table_name, c.column_name
FROM duckdb_columns() c
JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
WHERE c.database_name = current_database()
	AND c.schema_name = 'main'
	AND regexp_matches(c.table_name, '^(bronze|silver|gold)_')
	AND c.table_name NOT IN ('bronze_rejects', 'silver_quarantine', 'silver_duplicates', 'gold_orphans')
	AND NOT starts_with(c.column_name, '_')
ORDER BY c.table_name, c.column_index
