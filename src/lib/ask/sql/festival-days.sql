-- Grain: one festival day of the calendar (gold_dim_date), with its name.
SELECT festival_name AS name, strftime(date, '%Y-%m-%d') AS date
FROM gold_dim_date
WHERE festival_name IS NOT NULL
ORDER BY date
