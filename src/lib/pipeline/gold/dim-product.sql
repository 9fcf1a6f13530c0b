-- Grain: one product (SCD1); product_sk numbers the products by product_id.
CREATE OR REPLACE TABLE gold_dim_product AS
SELECT
	CAST(row_number() OVER (ORDER BY product_id) AS INTEGER) AS product_sk,
	product_id,
	product_name,
	category,
	list_price,
	unit_cost
FROM silver_products
