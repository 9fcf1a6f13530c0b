-- Grain: one row ({{label}} = NULL) or one per {{label}} value: the reorder alerts (on hand ≤ reorder
-- level) of the latest snapshot among the stock rows matching the question ({{where}} on
-- gold_fact_inventory i), and what refilling them to twice the reorder level costs.
WITH stock AS (
	SELECT i.* FROM gold_fact_inventory i WHERE {{where}}
)
SELECT
	{{label}} AS label,
	CAST(count(*) AS INTEGER) AS value,
	CAST(coalesce(sum(greatest(2 * i.reorder_level - greatest(i.on_hand, 0), 0) * i.unit_cost), 0) AS DOUBLE) AS cost
FROM stock i
JOIN gold_dim_product p ON p.product_sk = i.product_sk
JOIN gold_dim_store st ON st.store_sk = i.store_sk
WHERE i.date_key = (SELECT max(date_key) FROM stock) AND i.on_hand <= i.reorder_level
{{group_order_limit}}
