-- Grain: one kept inventory row: store × product × snapshot date.
CREATE OR REPLACE TABLE silver_inventory_snapshots AS
SELECT
	snapshot_date, store_id, product_id, quantity_on_hand, reorder_level, unit_cost,
	_batch_id, _source_file, _row_number
FROM silver_src_inventory
ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'inventory') USING (_rowid)
