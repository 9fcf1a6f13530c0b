-- Grain: one product category with the 99th percentile of a line's quantity in it, both channels, flagged
-- spikes left out (a few bulk lines cannot move it, where they would move a 99.9th): what makes a web line a
-- bulk line (fraud-lines.sql). A step of its own, so the engine can let a dashboard in between.
CREATE OR REPLACE TEMP TABLE fraud_category_quantity AS
SELECT p.category, quantile_disc(f.quantity, 0.99) AS q99
FROM gold_fact_sales f
JOIN gold_dim_product p ON p.product_sk = f.product_sk
WHERE NOT f.is_spike
GROUP BY p.category
