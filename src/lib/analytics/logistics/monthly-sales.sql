-- Grain: one calendar month × category × city × spike flag of the daily sales (daily-sales-months.sql): units and
-- revenue, exact sums. What seasonal demand reads when no date range is set, the only filters it then reads
-- being these columns' (about 36 months × 8 categories × the cities × 2 at 1M lines, against the daily rows).
SELECT month, category, city, is_spike, CAST(sum(units) AS BIGINT) AS units, sum(revenue) AS revenue
FROM {{daily}}
GROUP BY ALL
