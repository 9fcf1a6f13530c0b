-- Grain: one account × city it was seen in, with when it was first: in its sales (both channels) or as the
-- ship-to city of its web orders (fraud_orders). Whether an order ships to a city the account had not used
-- before (fraud-order-facts.sql) compares its time with that first time.
CREATE OR REPLACE TEMP TABLE fraud_seen_cities AS
SELECT customer_id, city, min(since) AS since
FROM (
	SELECT customer_id, city, min(ts) AS since
	FROM gold_fact_sales
	WHERE customer_id <> 'UNKNOWN'
	GROUP BY ALL
	UNION ALL
	SELECT customer_id, ship_city, min(ts)
	FROM fraud_orders
	WHERE ship_city IS NOT NULL AND customer_id <> 'UNKNOWN'
	GROUP BY ALL
)
GROUP BY ALL
