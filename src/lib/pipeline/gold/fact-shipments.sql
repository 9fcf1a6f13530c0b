-- Grain: one shipment (accumulating snapshot). order_found is false when its order is not among the web
-- orders (check 5 flags, keeps it); is_late: delivered after the promised date, or still out and 'delayed'.
CREATE OR REPLACE TABLE gold_fact_shipments AS
WITH web_orders AS (
	SELECT DISTINCT order_id FROM silver_sales_lines WHERE channel = 'web'
)
SELECT
	s.shipment_id,
	s.order_id,
	w.order_id IS NOT NULL AS order_found,
	st.store_sk AS origin_store_sk,
	s.destination_city,
	s.carrier,
	s.status,
	s.ship_date,
	gold_date_key(s.ship_date) AS ship_date_key,
	s.delivery_date,
	gold_date_key(s.delivery_date) AS delivery_date_key,
	s.promised_date,
	gold_date_key(s.promised_date) AS promised_date_key,
	s.delivery_days,
	s.promised_days,
	CASE
		WHEN s.delivery_date IS NOT NULL THEN CAST(s.delivery_date AS DATE) > s.promised_date
		ELSE s.status = 'delayed'
	END AS is_late
FROM silver_shipments s
LEFT JOIN web_orders w ON w.order_id = s.order_id
LEFT JOIN gold_dim_store st ON st.store_id = s.origin_store
