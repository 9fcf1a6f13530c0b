-- Grain: one web sales line (flagged quantity spikes left out), the lines scoring web orders reads: its
-- account, city, product and category, and whether it is a bulk line (fraud_category_quantity).
CREATE OR REPLACE TEMP TABLE fraud_lines AS
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
JOIN fraud_category_quantity c ON c.category = p.category
WHERE f.channel = 'web' AND NOT f.is_spike
