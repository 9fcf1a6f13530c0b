-- Grain: one sales line behind an anomaly ({{lines}}: its store, category, product or line over its
-- days), newest first, at most {{limit}}; total_lines counts them all.
SELECT
	f.channel,
	f.order_id,
	f.line_no,
	strftime(f.ts, '%Y-%m-%d %H:%M:%S') AS ts,
	s.store_id,
	f.city,
	f.customer_id,
	p.product_id,
	p.product_name,
	p.category,
	f.quantity,
	CAST(f.unit_price AS DOUBLE) AS unit_price,
	CAST(f.net_amount AS DOUBLE) AS net_amount,
	f.is_spike,
	CAST(count(*) OVER () AS INTEGER) AS total_lines
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
JOIN gold_dim_store s ON s.store_sk = f.store_sk
WHERE {{lines}}
ORDER BY f.ts DESC, f.order_id, f.line_no
LIMIT {{limit}}
