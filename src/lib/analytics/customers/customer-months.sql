-- Grain: one natural customer (UNKNOWN left out) × month (yyyymm) × channel × city × spike flag{{grain}} with order
-- parts in {{parts}} (customers.ts reads it with no category chosen: {{grain}} empty); is_new when the month holds
-- the customer's first order ever (f: first-orders.sql, all of Gold whatever the filters). Customers go by their
-- number (customer_no), so counting them per month compares integers. What new against returning customers reads
-- when no date range is set: 201,922 rows at 1M lines against 398,308 order parts.
SELECT f.customer_no, p.month, p.month = f.first_month AS is_new, p.channel, p.city, p.is_spike{{grain}}
FROM (
	SELECT DISTINCT customer_id, date_key // 100 AS month, channel, city, is_spike{{grain}}
	FROM {{parts}}
	WHERE customer_id <> 'UNKNOWN'
) p
JOIN {{first_orders}} f USING (customer_id)
