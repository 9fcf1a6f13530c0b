-- Grain: one account (customer_id; UNKNOWN left out) with the time of its first sale in either channel: the
-- account's age at each web order (fraud-order-facts.sql). A step of its own, so the engine can let a dashboard
-- in between the parts of scoring.
CREATE OR REPLACE TEMP TABLE fraud_first_orders AS
SELECT customer_id, min(ts) AS first_ts
FROM gold_fact_sales
WHERE customer_id <> 'UNKNOWN'
GROUP BY customer_id
