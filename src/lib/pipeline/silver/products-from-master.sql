-- Grain: one product, from the products master (the first row of each product_id).
CREATE OR REPLACE TABLE silver_products AS
SELECT product_id, product_name, category, list_price, unit_cost, _batch_id, _source_file, _row_number
FROM silver_src_products
ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'products') USING (_rowid)
