-- Grain: one version of a customer (SCD2 on city). In time order, an observation whose city differs from the
-- customer's previous one opens a version, valid until the next version opens (valid_to NULL = current);
-- version 1 starts at the earlier of its first observation and the customer's first sale. A customer with
-- sales but no observation gets one version with the city of the latest sale; UNKNOWN gets one version with
-- no city. State: the customer's latest observed state in that city, else the stores' state of the city.
-- Name and signup date are SCD1 (latest name, earliest signup). customer_sk numbers customer_id, version.
CREATE OR REPLACE TABLE gold_dim_customer AS
WITH first_sales AS (
	SELECT customer_id, min(ts) AS first_sale, arg_max(city, ts) AS last_city
	FROM silver_sales_lines
	GROUP BY customer_id
),
openings AS (
	SELECT customer_id, city, observed_at, source
	FROM (
		SELECT
			customer_id, city, observed_at, source,
			city IS DISTINCT FROM lag(city) OVER (
				PARTITION BY customer_id ORDER BY observed_at, source, city
			) AS opens_version
		FROM silver_customer_observations
		WHERE customer_id <> 'UNKNOWN'
	)
	WHERE opens_version
),
observed_versions AS (
	SELECT
		customer_id,
		city,
		observed_at AS valid_from,
		lead(observed_at) OVER w AS valid_to,
		row_number() OVER w AS version
	FROM openings
	WINDOW w AS (PARTITION BY customer_id ORDER BY observed_at, source, city)
),
versions AS (
	SELECT
		v.customer_id, v.city,
		CASE WHEN v.version = 1 THEN least(v.valid_from, s.first_sale) ELSE v.valid_from END AS valid_from,
		v.valid_to, v.version
	FROM observed_versions v
	LEFT JOIN first_sales s USING (customer_id)
	UNION ALL
	SELECT customer_id, CASE WHEN customer_id <> 'UNKNOWN' THEN last_city END, first_sale, NULL, 1
	FROM first_sales
	WHERE customer_id NOT IN (SELECT customer_id FROM openings)
	UNION ALL
	SELECT 'UNKNOWN', NULL, (SELECT min(first_sale) FROM first_sales), NULL, 1
	WHERE NOT EXISTS (SELECT 1 FROM first_sales WHERE customer_id = 'UNKNOWN')
),
profiles AS (
	SELECT
		customer_id,
		arg_max(customer_name, observed_at) FILTER (WHERE customer_name IS NOT NULL) AS customer_name,
		min(signup_date) AS signup_date
	FROM silver_customer_observations
	GROUP BY customer_id
),
observed_states AS (
	SELECT customer_id, city, arg_max(state, observed_at) AS state
	FROM silver_customer_observations
	WHERE state IS NOT NULL
	GROUP BY customer_id, city
),
store_states AS (
	SELECT city, min(state) AS state FROM silver_stores WHERE state IS NOT NULL GROUP BY city
)
SELECT
	CAST(row_number() OVER (ORDER BY v.customer_id, v.version) AS INTEGER) AS customer_sk,
	v.customer_id,
	p.customer_name,
	v.city,
	coalesce(o.state, s.state) AS state,
	p.signup_date,
	v.valid_from,
	v.valid_to,
	v.valid_to IS NULL AS is_current,
	CAST(v.version AS INTEGER) AS version
FROM versions v
LEFT JOIN profiles p ON p.customer_id = v.customer_id
LEFT JOIN observed_states o ON o.customer_id = v.customer_id AND o.city = v.city
LEFT JOIN store_states s ON s.city = v.city
