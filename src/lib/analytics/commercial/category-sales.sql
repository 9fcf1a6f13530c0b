-- Grain: one product category with sales matching the filters, by revenue, largest first.
SELECT
	p.category,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue,
	CAST(sum(f.cost_amount) AS DOUBLE) AS cogs,
	CAST(sum(f.quantity) AS DOUBLE) AS units
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
WHERE {{sales}}
GROUP BY p.category
ORDER BY revenue DESC, p.category
