-- Grain: one sales line whose product and store are in their dimensions (check 5; the others go to
-- gold_orphans), keyed to the customer version valid at its time; cost_amount = quantity × product unit cost
-- (negative on a return line, as quantity and net_amount are). order_key numbers Silver's orders
-- (gold_order_keys, gold-order-keys.sql).
CREATE OR REPLACE TABLE gold_fact_sales AS
SELECT
	s.order_id,
	s.line_no,
	o.order_key,
	gold_date_key(s.ts) AS date_key,
	s.ts,
	p.product_sk,
	st.store_sk,
	c.customer_sk,
	s.customer_id,
	s.channel,
	s.city,
	s.quantity,
	s.unit_price,
	s.net_amount,
	CAST(s.quantity * p.unit_cost AS DECIMAL(14,2)) AS cost_amount,
	s.is_spike,
	s.is_return
FROM silver_sales_lines s
JOIN gold_order_keys o ON o.order_id = s.order_id
JOIN gold_dim_product p ON p.product_id = s.product_id
JOIN gold_dim_store st ON st.store_id = s.store_id
LEFT JOIN gold_dim_customer c
	-- An open version (valid_to NULL) spelled with coalesce, not OR: an OR turns the join into a nested loop.
	ON c.customer_id = s.customer_id
	AND s.ts >= c.valid_from
	AND s.ts < coalesce(c.valid_to, TIMESTAMP 'infinity')
