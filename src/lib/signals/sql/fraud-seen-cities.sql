-- Grain: one account × city it was seen in, from when: its sales' cities (both channels), then its web
-- orders' ship-to cities (fraud_orders), each set grouped on its own. Whether an order ships to a city the
-- account had not used before (fraud-order-facts.sql) reads it.
CREATE OR REPLACE TEMP TABLE fraud_seen_cities AS
SELECT customer_id, city, min(ts) AS since
FROM gold_fact_sales
WHERE customer_id <> 'UNKNOWN'
GROUP BY ALL
UNION ALL
SELECT customer_id, ship_city, min(ts)
FROM fraud_orders
WHERE ship_city IS NOT NULL AND customer_id <> 'UNKNOWN'
GROUP BY ALL
