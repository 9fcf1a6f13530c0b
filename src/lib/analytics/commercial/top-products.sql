-- Grain: one product, the 10 with the most {{rank_by}} (revenue or units) in the sales matching the filters.
SELECT
	p.product_id,
	p.product_name,
	p.category,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue,
	CAST(sum(f.quantity) AS DOUBLE) AS units
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
WHERE {{sales}}
GROUP BY p.product_id, p.product_name, p.category
ORDER BY {{rank_by}} DESC, p.product_id
LIMIT 10
