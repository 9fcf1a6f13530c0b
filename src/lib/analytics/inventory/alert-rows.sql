-- Grain: one stock row of gold_fact_inventory at or below its reorder level (on_hand ≤ reorder_level), on
-- any snapshot date: the rows a reorder alert can come from, made once per loaded Gold (20,078 rows at 1M
-- lines against 189,222).
SELECT * FROM gold_fact_inventory WHERE on_hand <= reorder_level ORDER BY date_key
