-- Grain: one calendar day of the facts' range (calendar-days.ts inserts them), with the generator calendar's
-- festival and salary day.
CREATE OR REPLACE TEMP TABLE gold_calendar_days (day DATE, festival_name VARCHAR, is_salary_day BOOLEAN)
