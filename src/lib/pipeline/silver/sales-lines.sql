-- Grain: one kept sales line, POS and web unified. line_no numbers an order's lines by lineage; POS lines
-- take the store's city, web lines the customer's and the store WEB-ONLINE; a null or blank customer id
-- becomes UNKNOWN (check 3); is_spike flags quantity > max(Q3 + 3·IQR, 50) over the product's kept lines
-- (check 6); is_return marks a POS line whose line_type is `return` (its quantity and amount negative).
CREATE OR REPLACE TABLE silver_sales_lines AS
WITH lines AS NOT MATERIALIZED (
	SELECT
		p.invoice_no AS order_id, 'pos' AS channel, p.invoice_date AS ts, p.store_id,
		coalesce(p.store_city, s.city) AS city, p.customer_id, p.product_id, p.quantity, p.unit_price,
		p.payment_method, silver_is_return(p.line_type) AS is_return, p._batch_id, p._source_file,
		p._row_number
	FROM silver_src_pos_sales p
	ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'pos_sales') USING (_rowid)
	LEFT JOIN silver_stores s ON s.store_id = p.store_id
	UNION ALL
	SELECT
		w.order_id, 'web', w.order_date, 'WEB-ONLINE', w.customer_city, w.customer_id, w.product_id, w.quantity,
		w.unit_price, w.payment_method, false, w._batch_id, w._source_file, w._row_number
	FROM silver_src_web_orders w
	ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'web_orders') USING (_rowid)
),
fences AS (
	SELECT product_id, greatest(q[2] + 3 * (q[2] - q[1]), 50) AS fence
	FROM (SELECT product_id, quantile_cont(quantity, [0.25, 0.75]) AS q FROM lines GROUP BY product_id)
)
SELECT
	l.order_id,
	CAST(row_number() OVER (PARTITION BY l.order_id ORDER BY l._source_file, l._row_number) AS INTEGER)
		AS line_no,
	l.channel,
	l.ts,
	l.store_id,
	CASE WHEN trim(l.customer_id) <> '' THEN l.customer_id ELSE 'UNKNOWN' END AS customer_id,
	l.city,
	l.product_id,
	l.quantity,
	l.unit_price,
	CAST(l.quantity * l.unit_price AS DECIMAL(14,2)) AS net_amount,
	l.quantity > f.fence AS is_spike,
	l.is_return,
	l.payment_method,
	l._batch_id,
	l._source_file,
	l._row_number
FROM lines l
JOIN fences f ON f.product_id = l.product_id
