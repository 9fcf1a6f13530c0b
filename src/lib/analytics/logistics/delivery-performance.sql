-- Grain: one row for all the shipments matching the filters ({{shipments}} on gold_fact_shipments s), then
-- one per carrier, then one per destination city (GROUPING SETS; level 'total', 'carrier', 'destination'),
-- most shipments first. Delivery measures look at delivered shipments only (status 'delivered'): delivery
-- days avg, median and p90 (quantile_cont: linear interpolation), on time = delivered on or before the
-- promised date (delivery_days ≤ promised_days, both counted from the ship date).
WITH shipments AS (
	SELECT
		coalesce(s.carrier, '(none)') AS carrier,
		coalesce(s.destination_city, '(none)') AS destination_city,
		s.status = 'delivered' AS delivered,
		CASE WHEN s.status = 'delivered' THEN s.delivery_days END AS delivery_days,
		CASE WHEN s.status = 'delivered' THEN s.delivery_days - s.promised_days END AS days_late
	FROM gold_fact_shipments s
	WHERE {{shipments}}
)
SELECT
	CASE
		WHEN grouping(carrier) = 0 THEN 'carrier'
		WHEN grouping(destination_city) = 0 THEN 'destination'
		ELSE 'total'
	END AS level,
	carrier,
	destination_city,
	CAST(count(*) AS INTEGER) AS shipments,
	CAST(count(*) FILTER (WHERE delivered) AS INTEGER) AS delivered,
	CAST(avg(delivery_days) AS DOUBLE) AS avg_days,
	CAST(quantile_cont(delivery_days, 0.5) AS DOUBLE) AS median_days,
	CAST(quantile_cont(delivery_days, 0.9) AS DOUBLE) AS p90_days,
	CAST(count(*) FILTER (WHERE days_late <= 0) AS INTEGER) AS on_time,
	CAST(count(days_late) AS INTEGER) AS judged
FROM shipments
GROUP BY GROUPING SETS ((), (carrier), (destination_city))
ORDER BY level = 'total' DESC, level, shipments DESC, carrier, destination_city
