-- Grain: one POS store × day with sales from day key {{first}} to {{last}}, flagged quantity spikes left
-- out: its buyers (distinct customers; an invoice without a customer counts as one) and revenue.
SELECT
	s.store_id AS series,
	f.date_key,
	CAST(count(DISTINCT CASE WHEN f.customer_id = 'UNKNOWN' THEN f.order_id ELSE f.customer_id END) AS DOUBLE) AS buyers,
	CAST(sum(f.net_amount) AS DOUBLE) AS revenue
FROM gold_fact_sales f
JOIN gold_dim_store s ON s.store_sk = f.store_sk
WHERE f.channel = 'pos' AND NOT f.is_spike AND f.date_key BETWEEN {{first}} AND {{last}}
GROUP BY ALL
