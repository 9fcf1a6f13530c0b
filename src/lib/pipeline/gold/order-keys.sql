-- Grain: one order of the source table; order_key numbers the orders 1…n in order_id order. Dashboards count orders
-- by it, as counting distinct integers is about three times faster than counting distinct text ids
-- (docs/benchmark.md). Only distinct counts read the keys, so numbers missing from Gold do not matter.
SELECT order_id, CAST(row_number() OVER (ORDER BY order_id) AS INTEGER) AS order_key
FROM (SELECT DISTINCT order_id FROM {{source}})
