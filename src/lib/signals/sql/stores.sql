-- Grain: one physical store (WEB-ONLINE, the web channel's, left out).
SELECT store_id, store_name, city, format
FROM gold_dim_store
WHERE store_id <> 'WEB-ONLINE'
ORDER BY store_id
