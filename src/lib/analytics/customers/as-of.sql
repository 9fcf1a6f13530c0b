-- Grain: one row: the last sales day in all of Gold as a yyyymmdd date key, NULL without sales (RFM's as-of).
SELECT max(date_key) AS date_key FROM gold_fact_orders
