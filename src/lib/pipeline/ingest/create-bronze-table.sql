-- Grain: one raw data row that passed its contract (typed columns, extra columns, lineage).
CREATE TABLE IF NOT EXISTS {{table}} ({{columns}});
