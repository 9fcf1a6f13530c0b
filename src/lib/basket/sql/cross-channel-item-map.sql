-- Grain: one product × channel, each its own item: 2k is product k bought in a store, 2k + 1 bought online.
SELECT
	p.product_sk,
	c.channel,
	CAST(2 * (dense_rank() OVER (ORDER BY p.product_sk) - 1) + c.online AS INTEGER) AS item,
	CASE c.online WHEN 0 THEN 'In store: ' ELSE 'Online: ' END || p.product_name AS label,
	p.product_id,
	p.category,
	CASE c.online WHEN 0 THEN 'store' ELSE 'online' END AS side
FROM gold_dim_product p
CROSS JOIN (VALUES ('pos', 0), ('web', 1)) c(channel, online)
