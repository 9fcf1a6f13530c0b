-- Grain: one product category × day with sales (both channels) from day key {{first}} to {{last}},
-- flagged quantity spikes left out: its buyers (distinct customers; an order without a customer counts as
-- one) and revenue.
SELECT
	p.category AS series,
	f.date_key,
	CAST(count(DISTINCT CASE WHEN f.customer_id = 'UNKNOWN' THEN f.channel || f.order_id ELSE f.customer_id END) AS DOUBLE) AS buyers,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
WHERE NOT f.is_spike AND f.date_key BETWEEN {{first}} AND {{last}}
GROUP BY ALL
