-- Grain: one month (YYYY-MM) with orders matching the filters, from the customers Gold counts by month
-- (m: {{months}}' rows, one per month and new or returning once {{conditions}} keep those of the filters): the
-- customers new in it (their first order ever) and those returning, {{customers}} counting all of them or those
-- with an order not flagged a spike. A month whose customers all drop out is left out, as new-vs-returning.sql
-- leaves it.
SELECT
	printf('%04d-%02d', m.month // 100, m.month % 100) AS month,
	CAST(coalesce(sum(m.{{customers}}) FILTER (WHERE m.is_new), 0) AS INTEGER) AS new_customers,
	CAST(coalesce(sum(m.{{customers}}) FILTER (WHERE NOT m.is_new), 0) AS INTEGER) AS returning_customers
FROM {{months}} m
WHERE {{conditions}}
GROUP BY m.month
HAVING sum(m.{{customers}}) > 0
ORDER BY m.month
