-- Grain: one store, from the stores master (the first row of each store_id).
CREATE OR REPLACE TABLE silver_stores AS
SELECT store_id, city, store_name, state, region, format, opened_on, _batch_id, _source_file, _row_number
FROM silver_src_stores
ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'stores') USING (_rowid)
