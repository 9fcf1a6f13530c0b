-- Grain: one snapshot date × store × product category of gold_fact_inventory (category NULL for a product
-- missing from gold_dim_product): its stock rows' value, units on hand and counts added up. What the stock
-- summary and the stockout trend read, made once per loaded Gold: 14,540 rows at 1M lines against 189,222
-- stock rows. The sums are cast down from the 128-bit types sum() returns, slower to add up again.
SELECT
	i.date_key,
	i.store_sk,
	p.category,
	CAST(sum(i.stock_value) AS DECIMAL(18,2)) AS stock_value,
	CAST(sum(i.on_hand) AS BIGINT) AS on_hand,
	CAST(count(*) AS INTEGER) AS snapshot_rows,
	CAST(count(*) FILTER (WHERE i.is_stockout) AS INTEGER) AS stockout_rows
FROM gold_fact_inventory i
LEFT JOIN gold_dim_product p ON p.product_sk = i.product_sk
GROUP BY ALL
ORDER BY i.date_key, i.store_sk, p.category
