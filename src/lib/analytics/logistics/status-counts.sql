-- Grain: one shipment status (whatever statuses Gold holds: delivered, in_transit, delayed, returned…) of
-- the shipments matching the filters ({{shipments}} on gold_fact_shipments s), most shipments first; share
-- = its part of those shipments.
SELECT
	coalesce(s.status, '(none)') AS status,
	CAST(count(*) AS INTEGER) AS shipments,
	CAST(count(*) / sum(count(*)) OVER () AS DOUBLE) AS share
FROM gold_fact_shipments s
WHERE {{shipments}}
GROUP BY 1
ORDER BY shipments DESC, status
