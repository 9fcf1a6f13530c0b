-- Grain: none; the macro every gold table uses to turn a DATE or TIMESTAMP into its yyyymmdd date key.
CREATE OR REPLACE TEMP MACRO gold_date_key(t) AS CAST(year(t) * 10000 + month(t) * 100 + day(t) AS INTEGER)
