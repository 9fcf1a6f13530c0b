-- Grain: one non-empty revenue bucket of the natural customers of {{history}}: bucket i holds revenues from
-- {{edges}}[i] (included) to {{edges}}[i + 1]; the last bucket also takes the revenue at its end, a revenue
-- below 0 the first.
WITH per_customer AS (
	SELECT revenue FROM {{history}}
)
SELECT
	CAST(least(greatest(len(list_filter({{edges}}, e -> e <= revenue)) - 1, 0), len({{edges}}) - 2) AS INTEGER) AS bucket,
	CAST(count(*) AS INTEGER) AS customers
FROM per_customer
GROUP BY 1
ORDER BY 1
