-- Grain: one product, the 10 out of stock in the most store × snapshot rows matching the filters ({{stock}} on
-- the stock rows i: gold_fact_inventory's, one a store and snapshot, or stockout-totals.sql's, one a store over
-- every snapshot; each with its snapshot_rows and stockout_rows); products never out of stock are left out.
SELECT
	p.product_id,
	p.product_name,
	p.category,
	CAST(sum(i.stockout_rows) AS INTEGER) AS stockout_rows,
	CAST(sum(i.snapshot_rows) AS INTEGER) AS snapshot_rows
FROM {{stock_rows}} i
JOIN gold_dim_product p ON p.product_sk = i.product_sk
WHERE {{stock}}
GROUP BY p.product_id, p.product_name, p.category
HAVING sum(i.stockout_rows) > 0
ORDER BY stockout_rows DESC, p.product_id
LIMIT 10
