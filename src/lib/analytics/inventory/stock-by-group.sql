-- Grain: one row for all the stock selected, then one per product category, then one per store (GROUPING
-- SETS; level 'total', 'category', 'store'). Stock: {{stock_groups}} rows matching {{stock}} (alias i: the
-- stock rows of gold_fact_inventory added up by snapshot date, store and category, stock-groups.sql).
-- Sales: {{draws}} rows matching {{sold}} (alias f: gold_agg_stock_draws, the sales lines by day, the store
-- whose stock they drew on, product and spike flag, every channel; or, with no date range, those rows summed
-- over every day, stock-draw-totals.sql; flagged spikes too unless it says NOT f.is_spike).
-- Web sales whose order has no shipment have no store: they count in the total and their category, in no
-- store.
-- days = calendar days in the date range ({{days}} on gold_dim_date d); snapshots = distinct snapshot dates
-- selected, last_key the latest of them; ending_on_hand = units on hand on that latest date.
WITH stock AS (
	SELECT i.date_key, i.store_sk, i.category, i.on_hand, i.stock_value, i.snapshot_rows, i.stockout_rows
	FROM {{stock_groups}} i
	WHERE {{stock}}
),
snapshots AS (
	SELECT count(DISTINCT date_key) AS snapshots, max(date_key) AS last_key FROM stock
),
days AS (
	SELECT count(*) AS days FROM gold_dim_date d WHERE {{days}}
),
-- The sales added up per store and category before they meet the stock and the stores.
sold_items AS (
	SELECT f.store_sk, p.category, sum(f.cost_amount) AS cogs, sum(f.units) AS units_sold
	FROM {{draws}} f
	LEFT JOIN gold_dim_product p ON p.product_sk = f.product_sk
	WHERE {{sold}}
	GROUP BY ALL
),
-- The stock added up the same way (ending_on_hand: on the latest snapshot).
stock_items AS (
	SELECT
		i.store_sk,
		i.category,
		sum(i.stock_value) AS stock_value,
		sum(i.snapshot_rows) AS snapshot_rows,
		sum(i.stockout_rows) AS stockout_rows,
		sum(CASE WHEN i.date_key = s.last_key THEN i.on_hand ELSE 0 END) AS ending_on_hand
	FROM stock i
	CROSS JOIN snapshots s
	GROUP BY i.store_sk, i.category
),
facts AS (
	SELECT
		i.store_sk, i.category, i.stock_value, i.snapshot_rows, i.stockout_rows, i.ending_on_hand,
		0 AS cogs, 0 AS units_sold
	FROM stock_items i
	UNION ALL
	SELECT f.store_sk, f.category, 0, 0, 0, 0, f.cogs, f.units_sold
	FROM sold_items f
),
grouped AS (
	SELECT
		CASE
			WHEN grouping(x.category) = 0 THEN 'category'
			WHEN grouping(st.store_id) = 0 THEN 'store'
			ELSE 'total'
		END AS level,
		x.category,
		st.store_id,
		st.store_name,
		st.city,
		CAST(sum(x.stock_value) AS DOUBLE) AS stock_value,
		CAST(sum(x.cogs) AS DOUBLE) AS cogs,
		CAST(sum(x.units_sold) AS DOUBLE) AS units_sold,
		CAST(sum(x.ending_on_hand) AS DOUBLE) AS ending_on_hand,
		CAST(sum(x.snapshot_rows) AS INTEGER) AS snapshot_rows,
		CAST(sum(x.stockout_rows) AS INTEGER) AS stockout_rows
	FROM facts x
	LEFT JOIN gold_dim_store st ON st.store_sk = x.store_sk
	GROUP BY GROUPING SETS ((), (x.category), (st.store_id, st.store_name, st.city))
)
SELECT
	g.*,
	CAST(s.snapshots AS INTEGER) AS snapshots,
	CASE WHEN s.last_key IS NULL THEN NULL ELSE printf('%04d-%02d-%02d', s.last_key // 10000, s.last_key // 100 % 100, s.last_key % 100) END AS last_snapshot,
	CAST(d.days AS INTEGER) AS days
FROM grouped g
CROSS JOIN snapshots s
CROSS JOIN days d
WHERE g.level = 'total' OR (g.level = 'category' AND g.category IS NOT NULL) OR (g.level = 'store' AND g.store_id IS NOT NULL)
ORDER BY g.level = 'total' DESC, g.level, g.category, g.store_id
