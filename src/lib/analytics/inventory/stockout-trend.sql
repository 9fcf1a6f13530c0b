-- Grain: one snapshot date with stock rows matching the filters ({{stock}} on {{stock_groups}} i, the stock
-- rows added up by date, store and category: stock-groups.sql): its store × product rows and those out of
-- stock (is_stockout: nothing on hand).
SELECT
	strftime(d.date, '%Y-%m-%d') AS snapshot_date,
	CAST(sum(i.snapshot_rows) AS INTEGER) AS snapshot_rows,
	CAST(sum(i.stockout_rows) AS INTEGER) AS stockout_rows
FROM {{stock_groups}} i
JOIN gold_dim_date d ON d.date_key = i.date_key
WHERE {{stock}}
GROUP BY d.date
ORDER BY d.date
