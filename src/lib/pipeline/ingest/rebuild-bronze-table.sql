-- Grain: one Bronze row, unchanged; rebuilt so that new extra columns (NULL for these rows) sit before lineage.
CREATE OR REPLACE TABLE {{table}} AS
SELECT {{columns}}
FROM {{table}};
