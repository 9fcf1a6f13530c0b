-- Grain: one carrier × destination city × status × delivery days × promised days of gold_fact_shipments, over
-- every ship day: how many shipments. What shipment-days.sql reads when no date range is set (2,191 rows at 1M
-- lines against 146,865 shipments).
SELECT carrier, destination_city, status, delivery_days, promised_days, count(*) AS shipments
FROM gold_fact_shipments
GROUP BY ALL
