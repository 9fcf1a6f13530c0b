-- Grain: one product × channel; every product is one item (0 … in product_sk order), whatever the channel.
SELECT
	p.product_sk,
	c.channel,
	CAST(dense_rank() OVER (ORDER BY p.product_sk) - 1 AS INTEGER) AS item,
	p.product_name AS label,
	p.product_id,
	p.category,
	CAST(NULL AS VARCHAR) AS side
FROM gold_dim_product p
CROSS JOIN (VALUES ('pos'), ('web')) c(channel)
