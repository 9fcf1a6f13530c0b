-- Grain: one day × product × city × channel × is_spike of gold_fact_sales (city: a POS store's, a web order's
-- customer's), with its lines' net_amount and quantity summed, returns included: what the Sales page's top
-- products add up under any of its filters, rather than every line. Made one category at a time, from the
-- lines of its products. The sums are cast down from the 128-bit types sum() returns.
SELECT
	date_key, product_sk, city, channel, is_spike,
	CAST(sum(net_amount) AS DECIMAL(18,2)) AS net_amount,
	CAST(sum(quantity) AS BIGINT) AS quantity
FROM {{lines}}
GROUP BY ALL
ORDER BY date_key, product_sk, city, channel, is_spike
