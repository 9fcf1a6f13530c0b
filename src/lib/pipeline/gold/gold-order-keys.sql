-- Grain: one order of silver_sales_lines with its order_key (order-keys.sql), made before gold_fact_sales so
-- that statement only joins it: numbering the orders inside it held their distinct ids, their sort and the
-- fact's rows at once, which ran DuckDB-WASM out of memory at 10M lines. Dropped once the fact is built.
CREATE OR REPLACE TEMP TABLE gold_order_keys AS
{{order_keys}}
