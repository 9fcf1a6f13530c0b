-- Grain: one dataset: the rows check 5 found whose references do not resolve (orphan sales lines and
-- inventory rows rejected, shipments of unknown orders flagged).
SELECT dataset, count(*) AS violations FROM gold_orphans GROUP BY dataset
UNION ALL
SELECT 'shipments', count(*) FILTER (WHERE NOT order_found) FROM gold_fact_shipments
