-- Grain: one store, plus WEB-ONLINE, the store web sales are booked to (it has no city: web sales carry the
-- customer's); store_sk numbers the stores by store_id.
CREATE OR REPLACE TABLE gold_dim_store AS
WITH stores AS (
	SELECT store_id, store_name, city, state, region, format, opened_on FROM silver_stores
	UNION ALL
	SELECT 'WEB-ONLINE', 'Online store', NULL, NULL, NULL, 'online', NULL
	WHERE NOT EXISTS (SELECT 1 FROM silver_stores WHERE store_id = 'WEB-ONLINE')
)
SELECT CAST(row_number() OVER (ORDER BY store_id) AS INTEGER) AS store_sk, *
FROM stores
