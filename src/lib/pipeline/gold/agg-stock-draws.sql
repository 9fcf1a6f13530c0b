-- Grain: one day × store whose stock the sales drew on × product × is_spike, with the units and the cost of
-- those sales lines (gold_fact_sales, every channel, returns too): a POS line draws on its own store, a web
-- line on the origin store of its order's shipment (store_sk NULL when the order has no shipment). The
-- Inventory page reads its cost of goods sold and units sold here, rather than joining every web line to the
-- shipments on each change of filters. The sums are cast down from the 128-bit types sum() returns;
-- cost_amount is NULL where none of the row's lines is costed.
CREATE OR REPLACE TABLE gold_agg_stock_draws AS
WITH shipped_from AS (
	SELECT order_id, min(origin_store_sk) AS store_sk FROM gold_fact_shipments GROUP BY order_id
),
drawn AS (
	SELECT f.date_key, f.store_sk, f.product_sk, f.is_spike, f.quantity, f.cost_amount
	FROM gold_fact_sales f
	WHERE f.channel <> 'web'
	UNION ALL
	SELECT f.date_key, o.store_sk, f.product_sk, f.is_spike, f.quantity, f.cost_amount
	FROM gold_fact_sales f
	LEFT JOIN shipped_from o ON o.order_id = f.order_id
	WHERE f.channel = 'web'
)
SELECT
	date_key, store_sk, product_sk, is_spike,
	CAST(sum(quantity) AS BIGINT) AS units,
	CAST(sum(cost_amount) AS DECIMAL(18,2)) AS cost_amount
FROM drawn
GROUP BY ALL
ORDER BY date_key, store_sk, product_sk, is_spike
