-- Grain: none; the scalar macros the hold-*.sql statements share. silver_gate gives the check that holds a
-- bronze row back, in the documented order (4 duplicate, 2 future date, 1 negative price, 6 quantity range),
-- or NULL to keep it; silver_gate_rule and silver_gate_reason say why; silver_json_* write JSON values.
-- A return line (silver_is_return) takes the range negated: -10000 <= quantity <= -1.
-- Needs the variable `silver_reference_time` (the run's reference TIMESTAMP).
CREATE OR REPLACE TEMP MACRO silver_is_return(line_type) AS coalesce(lower(trim(line_type)) = 'return', false);

CREATE OR REPLACE TEMP MACRO silver_gate(is_duplicate, event_time, unit_price, quantity, is_return) AS
	CASE
		WHEN is_duplicate THEN 4
		WHEN event_time > getvariable('silver_reference_time') THEN 2
		WHEN unit_price < 0 THEN 1
		WHEN (CASE WHEN is_return THEN -quantity ELSE quantity END) NOT BETWEEN 1 AND 10000 THEN 6
	END;

CREATE OR REPLACE TEMP MACRO silver_gate_rule(check_id) AS
	CASE check_id
		WHEN 4 THEN 'identical business columns; natural keys unique'
		WHEN 2 THEN 'event time <= run reference time'
		WHEN 1 THEN 'unit_price >= 0'
		WHEN 6 THEN '1 <= quantity <= 10000 (a return line: -10000 <= quantity <= -1)'
	END;

CREATE OR REPLACE TEMP MACRO silver_gate_reason(
	check_id, duplicate_key, event_column, event_time, unit_price, quantity, is_return
) AS
	CASE check_id
		WHEN 4 THEN 'same ' || duplicate_key || ' as an earlier row'
		WHEN 2 THEN event_column || ' ' || CAST(event_time AS VARCHAR) || ' is after the reference time '
			|| CAST(getvariable('silver_reference_time') AS VARCHAR)
		WHEN 1 THEN 'unit_price ' || CAST(unit_price AS VARCHAR) || ' is negative'
		WHEN 6 THEN 'quantity ' || CAST(quantity AS VARCHAR)
			|| CASE WHEN is_return THEN ' on a return line is outside -10000…-1' ELSE ' is outside 1…10000' END
	END;

-- A JSON string (or null) for any value, escaped by hand: the json extension is not available offline.
CREATE OR REPLACE TEMP MACRO silver_json_text(v) AS
	CASE
		WHEN v IS NULL THEN 'null'
		ELSE '"' || replace(replace(replace(replace(replace(CAST(v AS VARCHAR),
			'\', '\\'), '"', '\"'), chr(10), '\n'), chr(13), '\r'), chr(9), '\t') || '"'
	END;

CREATE OR REPLACE TEMP MACRO silver_json_number(v) AS coalesce(CAST(v AS VARCHAR), 'null');
