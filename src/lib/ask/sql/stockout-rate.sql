-- Grain: one row ({{label}} = NULL) or one per {{label}} value: the share of store × product × snapshot
-- rows with nothing on hand among the stock rows matching the question ({{where}} on gold_fact_inventory
-- i, its product p and store st).
SELECT
	{{label}} AS label,
	CAST(count(*) FILTER (WHERE i.is_stockout) AS DOUBLE) / nullif(count(*), 0) AS value,
	CAST(count(*) FILTER (WHERE i.is_stockout) AS INTEGER) AS stockout_rows,
	CAST(count(*) AS INTEGER) AS rows
FROM gold_fact_inventory i
JOIN gold_dim_product p ON p.product_sk = i.product_sk
JOIN gold_dim_store st ON st.store_sk = i.store_sk
WHERE {{where}}
{{group_order_limit}}
