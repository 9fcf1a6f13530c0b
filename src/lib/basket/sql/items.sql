-- Grain: one item of the level's item map, with what the page shows of it.
WITH item_map AS ({{item_map}})
SELECT DISTINCT item, label, product_id, category, side
FROM item_map
ORDER BY item
