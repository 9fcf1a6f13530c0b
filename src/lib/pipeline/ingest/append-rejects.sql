-- Grain: one rejected raw data row of the file being ingested (a chunk of the file).
INSERT INTO bronze_rejects
SELECT {{dataset}}, {{batch_id}}, {{source_file}}, _row_number, reason, raw_text, {{ingested_at}}
FROM _ingest_rejects;
