-- Grain: one day × product × city × channel × is_spike of gold_fact_sales (city: a POS store's, a web order's
-- customer's), with its lines' net_amount and quantity summed, returns included: what the Sales page's top
-- products add up under any of its filters, rather than every line. The sums are cast down from the 128-bit
-- types sum() returns.
CREATE OR REPLACE TABLE gold_agg_product_sales AS
SELECT
	date_key, product_sk, city, channel, is_spike,
	CAST(sum(net_amount) AS DECIMAL(18,2)) AS net_amount,
	CAST(sum(quantity) AS BIGINT) AS quantity
FROM gold_fact_sales
GROUP BY ALL
ORDER BY date_key, product_sk, city, channel, is_spike
