-- Grain: one product × channel; every category is one item (0 … in category order), whatever the channel.
SELECT
	p.product_sk,
	c.channel,
	CAST(dense_rank() OVER (ORDER BY p.category) - 1 AS INTEGER) AS item,
	p.category AS label,
	CAST(NULL AS VARCHAR) AS product_id,
	p.category,
	CAST(NULL AS VARCHAR) AS side
FROM gold_dim_product p
CROSS JOIN (VALUES ('pos'), ('web')) c(channel)
