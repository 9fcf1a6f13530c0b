-- Grain: one transaction ({{transaction}}) with a sales line matching the filters; its distinct items.
WITH item_map AS ({{item_map}})
SELECT list(DISTINCT m.item) AS items
FROM gold_fact_sales f
JOIN item_map m ON m.product_sk = f.product_sk AND m.channel = f.channel
WHERE {{sales}}
GROUP BY {{transaction}}
