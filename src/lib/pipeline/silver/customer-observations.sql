-- Grain: one sighting of a customer's city: each kept CRM extract row, and each kept web order's customer
-- city (one per customer × order time × city, however many lines the order has).
CREATE OR REPLACE TABLE silver_customer_observations AS
SELECT customer_id, city, state, extracted_at AS observed_at, 'crm' AS source, customer_name, signup_date
FROM silver_src_customers
ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'customers') USING (_rowid)
UNION ALL
SELECT customer_id, customer_city, NULL, order_date, 'web', min(customer_name), NULL
FROM silver_src_web_orders
ANTI JOIN (SELECT _rowid FROM silver_held WHERE dataset = 'web_orders') USING (_rowid)
WHERE trim(customer_id) <> '' AND customer_city IS NOT NULL
GROUP BY customer_id, customer_city, order_date
