-- Grain: one row ({{label}} = NULL) or one row per {{label}} value, over the sales lines matching the
-- question ({{where}} on gold_fact_sales f with its product p and store s); {{measure}} is the figure asked for.
SELECT
	{{label}} AS label,
	{{measure}} AS value
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
JOIN gold_dim_store s ON s.store_sk = f.store_sk
WHERE {{where}}
{{group_order_limit}}
