-- Grain: one row, the totals of the sales lines that match the filters, read from their order parts (o:
-- gold_fact_orders' columns, filters.ts orderPartsMatching). Return lines (negative quantities and amounts)
-- lower revenue, COGS and units; they are not orders; returns is what they gave back, as a positive amount;
-- uncosted counts the lines whose product has no known unit cost (an import without a products master or
-- inventory), which leave the margin unknown.
SELECT
	CAST(coalesce(sum(o.net_amount), 0) AS DOUBLE) AS revenue,
	CAST(coalesce(sum(o.cost_amount), 0) AS DOUBLE) AS cogs,
	{{order_count}} AS orders,
	CAST(count(DISTINCT o.customer_id) FILTER (WHERE o.customer_id <> 'UNKNOWN') AS INTEGER) AS customers,
	CAST(coalesce(sum(o.units), 0) AS DOUBLE) AS units,
	CAST(coalesce(-sum(o.net_amount) FILTER (WHERE o.is_return), 0) AS DOUBLE) AS returns,
	CAST(coalesce(sum(o.uncosted_lines), 0) AS INTEGER) AS uncosted
FROM {{orders}} o
