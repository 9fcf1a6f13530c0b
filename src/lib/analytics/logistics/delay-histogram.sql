-- Grain: one bucket of days late (delivery date − promised date) of the delivered shipments matching the
-- filters ({{shipments}} on gold_fact_shipments s): on time (≤ 0, early included), 1, 2, 3, 4–7, 8 or more
-- days; every bucket, empty ones included, in that order; share = its part of the delivered shipments.
WITH buckets(bucket, label, min_days, max_days) AS (
	VALUES
		(0, 'On time', NULL, 0),
		(1, '1 day', 1, 1),
		(2, '2 days', 2, 2),
		(3, '3 days', 3, 3),
		(4, '4–7 days', 4, 7),
		(5, '8+ days', 8, NULL)
),
late AS (
	SELECT s.delivery_days - s.promised_days AS days_late
	FROM gold_fact_shipments s
	WHERE {{shipments}} AND s.status = 'delivered' AND s.delivery_days IS NOT NULL AND s.promised_days IS NOT NULL
)
SELECT
	b.label,
	b.min_days,
	b.max_days,
	CAST(count(l.days_late) AS INTEGER) AS shipments,
	CAST(count(l.days_late) / nullif((SELECT count(*) FROM late), 0) AS DOUBLE) AS share
FROM buckets b
LEFT JOIN late l
	ON (b.min_days IS NULL OR l.days_late >= b.min_days) AND (b.max_days IS NULL OR l.days_late <= b.max_days)
GROUP BY b.bucket, b.label, b.min_days, b.max_days
ORDER BY b.bucket
