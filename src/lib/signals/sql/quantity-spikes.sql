-- Grain: one sales line flagged as a quantity spike (check 6), with its product's median quantity over
-- the lines that are not.
WITH usual AS (
	SELECT product_sk, CAST(median(quantity) AS DOUBLE) AS usual_quantity
	FROM gold_fact_sales
	WHERE NOT is_spike
	GROUP BY product_sk
)
SELECT
	f.order_id,
	f.line_no,
	f.channel,
	strftime(CAST(f.ts AS DATE), '%Y-%m-%d') AS day,
	f.city,
	p.product_id,
	p.product_name,
	p.category,
	CAST(f.quantity AS DOUBLE) AS quantity,
	CAST(f.unit_price AS DOUBLE) AS unit_price,
	CAST(f.net_amount AS DOUBLE) AS revenue,
	coalesce(u.usual_quantity, 1) AS usual_quantity
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
LEFT JOIN usual u ON u.product_sk = f.product_sk
WHERE f.is_spike
ORDER BY f.ts, f.order_id, f.line_no
