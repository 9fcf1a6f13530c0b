-- Grain: one store whose stock the sales drew on × product × is_spike, over every day of gold_agg_stock_draws:
-- its units and cost summed (cost_amount NULL where none of the rows is costed, as summing the days gives it).
-- What the stock summary reads when no date range is set: a few thousand rows (5,767 at 1M lines) against the
-- daily rows' 850k.
SELECT
	store_sk, product_sk, is_spike,
	CAST(sum(units) AS BIGINT) AS units,
	CAST(sum(cost_amount) AS DECIMAL(18,2)) AS cost_amount
FROM gold_agg_stock_draws
GROUP BY ALL
