-- Grain: one RFM segment (the first-match rules of rfm-segments.ts, as a CASE on r, f, m) with customers among
-- the scored ones (rfm-scores.sql, filled in below): how many, and their average recency days, frequency and
-- monetary.
WITH scored AS (
{{scores}}
)
SELECT
	{{segment}} AS segment,
	CAST(count(*) AS INTEGER) AS customers,
	avg(recency_days) AS avg_recency_days,
	avg(frequency) AS avg_frequency,
	avg(monetary) AS avg_monetary
FROM scored
GROUP BY 1
