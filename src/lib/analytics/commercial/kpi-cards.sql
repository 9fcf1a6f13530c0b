-- Grain: one row, the totals of the sales lines that match the filters ({{sales}} on gold_fact_sales f).
-- Return lines (negative quantities and amounts) lower revenue, COGS and units; they are not orders;
-- returns is what they gave back, as a positive amount; uncosted counts the lines whose product has no known
-- unit cost (an import without a products master or inventory), which leave the margin unknown.
SELECT
	CAST(coalesce(sum(f.net_amount), 0) AS DOUBLE) AS revenue,
	CAST(coalesce(sum(f.cost_amount), 0) AS DOUBLE) AS cogs,
	CAST(count(DISTINCT f.order_key) FILTER (WHERE NOT f.is_return) AS INTEGER) AS orders,
	CAST(count(DISTINCT f.customer_id) FILTER (WHERE f.customer_id <> 'UNKNOWN') AS INTEGER) AS customers,
	CAST(coalesce(sum(f.quantity), 0) AS DOUBLE) AS units,
	CAST(coalesce(-sum(f.net_amount) FILTER (WHERE f.is_return), 0) AS DOUBLE) AS returns,
	CAST(count(*) FILTER (WHERE f.cost_amount IS NULL) AS INTEGER) AS uncosted
FROM gold_fact_sales f
WHERE {{sales}}
