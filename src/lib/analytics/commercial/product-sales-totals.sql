-- Grain: one product × city × channel × is_spike, over every day of gold_agg_product_sales: its net_amount and
-- quantity summed. What the top products read when no date range is set: a few thousand rows (4,662 at 1M
-- lines) against the daily rows' 778k.
SELECT
	product_sk, city, channel, is_spike,
	CAST(sum(net_amount) AS DECIMAL(18,2)) AS net_amount,
	CAST(sum(quantity) AS BIGINT) AS quantity
FROM gold_agg_product_sales
GROUP BY ALL
