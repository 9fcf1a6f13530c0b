-- Grain: one product, the 10 out of stock in the most store × snapshot rows matching the filters ({{stock}}
-- on gold_fact_inventory i); products never out of stock are left out.
SELECT
	p.product_id,
	p.product_name,
	p.category,
	CAST(count(*) FILTER (WHERE i.is_stockout) AS INTEGER) AS stockout_rows,
	CAST(count(*) AS INTEGER) AS snapshot_rows
FROM gold_fact_inventory i
JOIN gold_dim_product p ON p.product_sk = i.product_sk
WHERE {{stock}}
GROUP BY p.product_id, p.product_name, p.category
HAVING count(*) FILTER (WHERE i.is_stockout) > 0
ORDER BY stockout_rows DESC, p.product_id
LIMIT 10
