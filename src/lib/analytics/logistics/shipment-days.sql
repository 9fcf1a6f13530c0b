-- Grain: one carrier × destination city × status × delivery days × days late of the shipments in {{from}} s
-- (gold_fact_shipments, or shipment-day-totals.sql's counts of it) matching {{shipments}}: how many
-- ({{count}}: count(*) of the shipments, sum(s.shipments) of the counts). Delivery days and days late (delivery
-- days − promised days, both from the ship date) are a delivered shipment's only, else NULL. What
-- shipment-counts.ts turns into the statuses, the delivery figures and the days-late buckets.
SELECT
	s.carrier,
	s.destination_city,
	s.status,
	CASE WHEN s.status = 'delivered' THEN s.delivery_days END AS delivery_days,
	CASE WHEN s.status = 'delivered' THEN s.delivery_days - s.promised_days END AS days_late,
	CAST({{count}} AS INTEGER) AS shipments
FROM {{from}} s
WHERE {{shipments}}
GROUP BY ALL
