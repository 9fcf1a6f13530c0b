-- Grain: one natural customer of {{customers}} (a relation with customer_id) with a current version in
-- gold_dim_customer: that version's name and city.
SELECT customer_id, customer_name, city
FROM gold_dim_customer
WHERE is_current AND customer_id IN (SELECT customer_id FROM {{customers}})
