-- Grain: one calendar month (YYYY-MM) × product category with sales matching the filters ({{sales}} on
-- gold_fact_sales f): units and revenue, by month then category.
SELECT
	strftime(d.date, '%Y-%m') AS month,
	p.category,
	CAST(sum(f.quantity) AS DOUBLE) AS units,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue
FROM gold_fact_sales f
JOIN gold_dim_date d ON d.date_key = f.date_key
JOIN gold_dim_product p ON p.product_sk = f.product_sk
WHERE {{sales}}
GROUP BY 1, 2
ORDER BY 1, 2
