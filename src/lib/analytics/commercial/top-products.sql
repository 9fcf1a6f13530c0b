-- Grain: one product among the 10 with the most revenue or the 10 with the most units in the sales matching
-- the filters ({{sales}} on {{products}} f: gold_agg_product_sales, the lines summed by day, product, city,
-- channel and spike flag, or with no date range those sums over every day, product-sales-totals.sql);
-- revenue_rank and units_rank are its places in the two rankings (ties by product id). The sales are summed per
-- product key first, then named.
WITH per_key AS (
	SELECT f.product_sk, sum(f.net_amount) AS revenue, sum(f.quantity) AS units
	FROM {{products}} f
	WHERE {{sales}}
	GROUP BY f.product_sk
),
per_product AS (
	SELECT
		p.product_id,
		p.product_name,
		p.category,
		CAST(sum(k.revenue) AS DOUBLE) AS revenue,
		CAST(sum(k.units) AS DOUBLE) AS units
	FROM per_key k
	JOIN gold_dim_product p ON p.product_sk = k.product_sk
	GROUP BY p.product_id, p.product_name, p.category
),
ranked AS (
	SELECT
		*,
		row_number() OVER (ORDER BY revenue DESC, product_id) AS revenue_rank,
		row_number() OVER (ORDER BY units DESC, product_id) AS units_rank
	FROM per_product
)
SELECT product_id, product_name, category, revenue, units, revenue_rank, units_rank
FROM ranked
WHERE revenue_rank <= 10 OR units_rank <= 10
