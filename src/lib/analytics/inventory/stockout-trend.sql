-- Grain: one snapshot date with stock rows matching the filters ({{stock}} on gold_fact_inventory i): its
-- store × product rows and those out of stock (is_stockout: nothing on hand).
SELECT
	strftime(d.date, '%Y-%m-%d') AS snapshot_date,
	CAST(count(*) AS INTEGER) AS snapshot_rows,
	CAST(count(*) FILTER (WHERE i.is_stockout) AS INTEGER) AS stockout_rows
FROM gold_fact_inventory i
JOIN gold_dim_date d ON d.date_key = i.date_key
WHERE {{stock}}
GROUP BY d.date
ORDER BY d.date
