-- Grain: one product × store of gold_fact_inventory over every snapshot date: its store × snapshot rows and
-- those out of stock. What the most stocked-out products read when no date range is set, made once per loaded
-- Gold: far fewer rows than the stock rows (a product and a store each).
SELECT
	i.product_sk,
	i.store_sk,
	CAST(count(*) FILTER (WHERE i.is_stockout) AS INTEGER) AS stockout_rows,
	CAST(count(*) AS INTEGER) AS snapshot_rows
FROM gold_fact_inventory i
GROUP BY ALL
