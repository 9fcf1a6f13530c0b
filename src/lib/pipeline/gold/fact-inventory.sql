-- Grain: one snapshot of a store × product (periodic snapshot) whose product and store are in their
-- dimensions (check 5); stock value at the snapshot's unit cost (else the product's); stockout when nothing
-- is on hand.
CREATE OR REPLACE TABLE gold_fact_inventory AS
SELECT
	gold_date_key(i.snapshot_date) AS date_key,
	st.store_sk,
	p.product_sk,
	i.quantity_on_hand AS on_hand,
	i.reorder_level,
	coalesce(i.unit_cost, p.unit_cost) AS unit_cost,
	CAST(i.quantity_on_hand * coalesce(i.unit_cost, p.unit_cost) AS DECIMAL(14,2)) AS stock_value,
	i.quantity_on_hand <= 0 AS is_stockout
FROM silver_inventory_snapshots i
JOIN gold_dim_product p ON p.product_id = i.product_id
JOIN gold_dim_store st ON st.store_id = i.store_id
