-- Grain: one row ({{label}} = NULL) or one per {{label}} value over the shipments matching the question
-- ({{where}} on gold_fact_shipments s): {{measure}} over delivered shipments (on time: delivered within
-- the promised days).
SELECT
	{{label}} AS label,
	{{measure}} AS value,
	CAST(count(*) FILTER (WHERE s.status = 'delivered') AS INTEGER) AS delivered
FROM gold_fact_shipments s
WHERE {{where}}
{{group_order_limit}}
