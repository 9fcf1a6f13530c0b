-- Grain: one non-empty revenue bucket of {{width}} (> 0) from 0, of the natural customers (UNKNOWN left out)
-- over the sales matching {{sales}}; the last of {{buckets}} buckets also takes the revenue at its end.
WITH per_customer AS (
	SELECT f.customer_id, sum(f.net_amount) AS revenue
	FROM gold_fact_sales f
	WHERE {{sales}} AND f.customer_id <> 'UNKNOWN'
	GROUP BY f.customer_id
)
SELECT
	CAST(least(greatest(floor(CAST(revenue AS DOUBLE) / {{width}}), 0), {{buckets}} - 1) AS INTEGER) AS bucket,
	CAST(count(*) AS INTEGER) AS customers
FROM per_customer
GROUP BY 1
ORDER BY 1
