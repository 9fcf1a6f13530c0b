-- Grain: one CLV tier with customers (of lifetime-value.sql, over the natural customers of {{history}}):
-- its customers, revenue and margin, with the p50 / p75 / p90 cut-offs and the smallest positive and the
-- largest customer revenue (the histogram's range) on every row.
WITH per_customer AS (
	SELECT revenue, margin FROM {{history}}
),
cuts AS (
	SELECT
		quantile_cont(revenue, 0.5) AS p50,
		quantile_cont(revenue, 0.75) AS p75,
		quantile_cont(revenue, 0.9) AS p90,
		min(revenue) FILTER (WHERE revenue > 0) AS smallest,
		max(revenue) AS top
	FROM per_customer
),
tiered AS (
	SELECT
		c.revenue,
		c.margin,
		CASE
			WHEN c.revenue >= cuts.p90 THEN 'Platinum'
			WHEN c.revenue >= cuts.p75 THEN 'Gold'
			WHEN c.revenue >= cuts.p50 THEN 'Silver'
			ELSE 'Bronze'
		END AS tier
	FROM per_customer c
	CROSS JOIN cuts
)
SELECT
	t.tier,
	CAST(count(*) AS INTEGER) AS customers,
	sum(t.revenue) AS revenue,
	sum(t.margin) AS margin,
	any_value(cuts.p50) AS p50,
	any_value(cuts.p75) AS p75,
	any_value(cuts.p90) AS p90,
	any_value(cuts.smallest) AS smallest,
	any_value(cuts.top) AS top
FROM tiered t
CROSS JOIN cuts
GROUP BY t.tier
