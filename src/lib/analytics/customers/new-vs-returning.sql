-- Grain: one month (YYYY-MM) with orders matching the filters; a customer active in it (a: one row per customer
-- and month, active-months.sql) is new when it holds their first order ever, else returning (no month of theirs
-- comes before the one of their first order ever).
SELECT
	printf('%04d-%02d', a.month // 100, a.month % 100) AS month,
	CAST(count(*) FILTER (WHERE a.is_new) AS INTEGER) AS new_customers,
	CAST(count(*) FILTER (WHERE NOT a.is_new) AS INTEGER) AS returning_customers
FROM {{active}} a
GROUP BY a.month
ORDER BY a.month
