-- Grain: one kept shipment, with whole days from the ship date to delivery (NULL until delivered) and to the
-- promised date.
CREATE OR REPLACE TABLE silver_shipments AS
SELECT
	shipment_id, order_id, origin_store, destination_city, carrier, status, ship_date, delivery_date,
	promised_date,
	CAST(date_diff('day', CAST(ship_date AS DATE), CAST(delivery_date AS DATE)) AS INTEGER) AS delivery_days,
	CAST(date_diff('day', CAST(ship_date AS DATE), promised_date) AS INTEGER) AS promised_days,
	_batch_id, _source_file, _row_number
FROM silver_src_shipments
ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'shipments') USING (_rowid)
