-- Grain: one web order found among the shipments, with the city it was shipped to (fraud-orders.sql reads it).
CREATE OR REPLACE TEMP TABLE fraud_ship_cities AS
SELECT order_id, any_value(destination_city) AS ship_city
FROM gold_fact_shipments
WHERE order_found
GROUP BY order_id
