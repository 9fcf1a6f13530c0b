-- Grain: one transaction ({{transaction}}) matching the filters that holds every one of the items {{items}};
-- the most recent first, each with the count of all such transactions.
WITH item_map AS ({{item_map}})
SELECT
	any_value({{transaction_label}}) AS transaction,
	string_agg(DISTINCT f.channel, ', ' ORDER BY f.channel) AS channels,
	strftime(max(f.ts), '%Y-%m-%d %H:%M') AS last_bought,
	any_value(f.city) AS city,
	any_value(f.customer_id) AS customer_id,
	count(*)::INTEGER AS lines,
	CAST(sum(f.net_amount) AS DOUBLE) AS amount,
	count(*) OVER ()::INTEGER AS total
FROM gold_fact_sales f
JOIN item_map m ON m.product_sk = f.product_sk AND m.channel = f.channel
WHERE {{sales}}
GROUP BY {{transaction}}
HAVING count(DISTINCT m.item) FILTER (WHERE m.item IN ({{items}})) = {{item_count}}
ORDER BY max(f.ts) DESC, transaction
LIMIT {{limit}}
