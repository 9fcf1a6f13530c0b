-- Grain: one product × day with sales (flagged quantity spikes left out): the day's median line price, and
-- its lowest and highest, for the typical-price window (typical-prices.ts). Read a range of product_sk at a
-- time: every day of a product comes in the same part.
SELECT
	f.product_sk,
	f.date_key,
	CAST(date_diff('day', DATE '1970-01-01', d.date) AS INTEGER) AS day_no,
	CAST(median(f.unit_price) AS DOUBLE) AS day_price,
	CAST(min(f.unit_price) AS DOUBLE) AS min_price,
	CAST(max(f.unit_price) AS DOUBLE) AS max_price
FROM gold_fact_sales f
JOIN gold_dim_date d ON d.date_key = f.date_key
WHERE NOT f.is_spike AND f.product_sk BETWEEN {{first}} AND {{last}}
GROUP BY f.product_sk, f.date_key, d.date
ORDER BY f.product_sk, day_no
