-- Grain: one month (YYYY-MM) with orders in a category (m: gold_agg_customer_months' rows of the category and
-- channel, or of every channel, kept by {{conditions}}): the customers new in it (their first order ever) and
-- those returning, {{customers}} being the count of all of them or of those with an order not flagged a spike.
-- A month whose customers all drop out is left out, as new-vs-returning.sql leaves it.
SELECT
	printf('%04d-%02d', m.month // 100, m.month % 100) AS month,
	CAST(coalesce(sum(m.{{customers}}) FILTER (WHERE m.is_new), 0) AS INTEGER) AS new_customers,
	CAST(coalesce(sum(m.{{customers}}) FILTER (WHERE NOT m.is_new), 0) AS INTEGER) AS returning_customers
FROM gold_agg_customer_months m
WHERE {{conditions}}
GROUP BY m.month
HAVING sum(m.{{customers}}) > 0
ORDER BY m.month
