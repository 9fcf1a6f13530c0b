-- Grain: one part of an order of gold_fact_sales: its lines with the same day, channel,
-- store, city, customer version and spike and return flags (an order has one of each but for the flags, unless
-- an import says otherwise), and in gold_fact_order_categories the same product category, by day then order.
-- The sums are cast down from the 128-bit types sum() returns, several times slower to add up again.
-- margin_amount is the margin of the part's costed lines (NULL when none is costed), as a sum over the lines
-- would give it. order_once is true on exactly one sale part (not a return) of each order (of each order's
-- lines in a category), its unflagged one where it has one, so count(*) FILTER (WHERE order_once) counts
-- distinct orders under any filter on day, channel, store, city, customer version or spikes left out (and on
-- one category), with no distinct count; false on return parts; NULL on the parts of the rare order whose
-- lines differ in day, channel, store, city or customer version, which a query counts by distinct order_key.
WITH parts AS (
	SELECT
		order_key{{split}}, date_key, channel, store_sk, city, customer_sk, customer_id, is_spike, is_return,
		CAST(count(*) AS INTEGER) AS lines,
		CAST(sum(quantity) AS BIGINT) AS units,
		CAST(sum(net_amount) AS DECIMAL(18,2)) AS net_amount,
		CAST(sum(cost_amount) AS DECIMAL(18,2)) AS cost_amount,
		CAST(sum(net_amount - cost_amount) AS DECIMAL(18,2)) AS margin_amount,
		CAST(count(*) FILTER (WHERE cost_amount IS NULL) AS INTEGER) AS uncosted_lines
	FROM {{lines}}
	GROUP BY ALL
),
orders AS (
	SELECT
		order_key{{split}},
		count(DISTINCT (date_key, channel, store_sk, city, customer_sk, customer_id)) > 1 AS mixed,
		bool_or(NOT is_spike AND NOT is_return) AS has_unflagged_sale
	FROM parts
	GROUP BY ALL
)
SELECT
	p.*,
	CASE
		WHEN p.is_return THEN false
		WHEN o.mixed THEN NULL
		ELSE NOT p.is_spike OR NOT o.has_unflagged_sale
	END AS order_once
FROM parts p
JOIN orders o USING (order_key{{split}})
ORDER BY {{sort}}
