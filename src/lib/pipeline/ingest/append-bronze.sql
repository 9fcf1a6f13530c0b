-- Grain: one raw data row of the file being ingested that passed its contract (a chunk of the file),
-- already in its Bronze types with its lineage; columns the chunk lacks (other files' extras) stay NULL.
INSERT INTO {{table}} BY NAME
SELECT * FROM _ingest_staging;
