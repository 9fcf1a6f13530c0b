-- Grain: one reorder alert, a row of the latest snapshot date among the stock rows matching the filters
-- (that date from {{stock_groups}} g matching {{group_stock}}: the stock rows added up by date, store and
-- category, stock-groups.sql) with on_hand ≤ reorder_level ({{alert_rows}} i, alert-rows.sql, matching
-- {{stock}}), on the page asked for ({{order_by}}, {{page}}: LIMIT … OFFSET …, or nothing for all). Every
-- row repeats the count and the suggested cost of all alerts; a page past the end is one row of those with
-- the alert columns NULL.
-- Suggested order: bring the stock up to twice the reorder level, 2 × reorder_level − on_hand (negative
-- stock counting as 0), at the snapshot's unit cost.
WITH latest AS (
	SELECT max(g.date_key) AS date_key FROM {{stock_groups}} g WHERE {{group_stock}}
),
alerts AS (
	SELECT
		strftime(d.date, '%Y-%m-%d') AS snapshot_date,
		st.store_id,
		st.store_name,
		st.city,
		p.product_id,
		p.product_name,
		p.category,
		i.on_hand,
		i.reorder_level,
		i.unit_cost,
		greatest(2 * i.reorder_level - greatest(i.on_hand, 0), 0) AS suggested_qty,
		greatest(2 * i.reorder_level - greatest(i.on_hand, 0), 0) * i.unit_cost AS suggested_cost
	FROM {{alert_rows}} i
	JOIN gold_dim_store st ON st.store_sk = i.store_sk
	JOIN gold_dim_product p ON p.product_sk = i.product_sk
	JOIN gold_dim_date d ON d.date_key = i.date_key
	WHERE {{stock}} AND i.date_key = (SELECT date_key FROM latest)
),
summary AS (
	SELECT
		CAST(count(*) AS INTEGER) AS total_alerts,
		CAST(coalesce(sum(suggested_cost), 0) AS DOUBLE) AS total_cost
	FROM alerts
),
page AS (
	SELECT * FROM alerts ORDER BY {{order_by}} {{page}}
)
SELECT
	s.total_alerts,
	s.total_cost,
	a.snapshot_date,
	a.store_id,
	a.store_name,
	a.city,
	a.product_id,
	a.product_name,
	a.category,
	CAST(a.on_hand AS INTEGER) AS on_hand,
	CAST(a.reorder_level AS INTEGER) AS reorder_level,
	CAST(a.unit_cost AS DOUBLE) AS unit_cost,
	CAST(a.suggested_qty AS INTEGER) AS suggested_qty,
	CAST(a.suggested_cost AS DOUBLE) AS suggested_cost
FROM summary s
LEFT JOIN page a ON TRUE
ORDER BY {{order_by}}
