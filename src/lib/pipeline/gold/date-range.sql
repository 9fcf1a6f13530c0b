-- Grain: one row: the first and last day any silver fact touches (sales, snapshots, shipment dates), as text.
WITH bounds AS (
	SELECT min(ts) AS first_day, max(ts) AS last_day FROM silver_sales_lines
	UNION ALL
	SELECT min(snapshot_date), max(snapshot_date) FROM silver_inventory_snapshots
	UNION ALL
	SELECT
		least(min(ship_date), min(delivery_date), min(promised_date)),
		greatest(max(ship_date), max(delivery_date), max(promised_date))
	FROM silver_shipments
)
SELECT
	CAST(CAST(min(first_day) AS DATE) AS VARCHAR) AS first_day,
	CAST(CAST(max(last_day) AS DATE) AS VARCHAR) AS last_day
FROM bounds
