-- Grain: one calendar day, every day of gold_calendar_days (the facts' range, with the festival and salary
-- days of the generator's calendar); date_key = yyyymmdd; weekday is ISO (1 = Monday … 7 = Sunday).
CREATE OR REPLACE TABLE gold_dim_date AS
SELECT
	gold_date_key(day) AS date_key,
	day AS date,
	CAST(year(day) AS INTEGER) AS year,
	CAST(quarter(day) AS INTEGER) AS quarter,
	CAST(month(day) AS INTEGER) AS month,
	monthname(day) AS month_name,
	CAST(day(day) AS INTEGER) AS day_of_month,
	CAST(isoyear(day) AS INTEGER) AS iso_year,
	CAST(weekofyear(day) AS INTEGER) AS iso_week,
	CAST(isodow(day) AS INTEGER) AS weekday,
	dayname(day) AS weekday_name,
	isodow(day) >= 6 AS is_weekend,
	festival_name,
	festival_name IS NOT NULL AS is_festival,
	is_salary_day
FROM gold_calendar_days
