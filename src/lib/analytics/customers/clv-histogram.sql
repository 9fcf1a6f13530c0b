-- Grain: one non-empty revenue bucket of the natural customers (UNKNOWN left out) over the sales matching
-- {{sales}}: bucket i holds revenues from {{edges}}[i] (included) to {{edges}}[i + 1]; the last bucket
-- also takes the revenue at its end, a revenue below 0 the first.
WITH per_customer AS (
	SELECT f.customer_id, CAST(sum(f.net_amount) AS DOUBLE) AS revenue
	FROM gold_fact_sales f
	WHERE {{sales}} AND f.customer_id <> 'UNKNOWN'
	GROUP BY f.customer_id
)
SELECT
	CAST(least(greatest(len(list_filter({{edges}}, e -> e <= revenue)) - 1, 0), len({{edges}}) - 2) AS INTEGER) AS bucket,
	CAST(count(*) AS INTEGER) AS customers
FROM per_customer
GROUP BY 1
ORDER BY 1
