-- Grain: one web sales line (flagged quantity spikes left out), the first part of scoring web orders: its
-- account, city, product and category, and whether it is a bulk line.
CREATE OR REPLACE TEMP TABLE fraud_lines AS
WITH category_quantity AS (
	-- The 99th percentile of a line's quantity in each category, both channels (a few bulk lines cannot
	-- move it, where they would move a 99.9th).
	SELECT p.category, quantile_disc(f.quantity, 0.99) AS q99
	FROM gold_fact_sales f
	JOIN gold_dim_product p ON p.product_sk = f.product_sk
	WHERE NOT f.is_spike
	GROUP BY p.category
)
SELECT
	f.order_id,
	f.ts,
	f.customer_id,
	f.city,
	f.quantity,
	f.net_amount,
	p.product_id,
	p.category,
	f.quantity >= greatest({{bulk_floor}}, 2 * c.q99) AS is_bulk
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
JOIN category_quantity c ON c.category = p.category
WHERE f.channel = 'web' AND NOT f.is_spike
