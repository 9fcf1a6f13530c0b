import { festivalOn, isSalaryDay } from '../calendar/retail-calendar';
import { dayNumber } from '../calendar/dates';
import type { SqlEngine, SqlValue } from '../sql/sql-engine';
import dailySeriesSql from './daily-series.sql?raw';
import { HORIZON } from './split';

/** The name of the series that adds up every category. */
export const TOTAL_SERIES = 'Total';

/**
 * Daily units and revenue per category and in total, from the published Gold (flagged spikes left out), as
 * typed arrays: what the forecast trains on, small enough to pass between workers.
 */
export interface DailySeries {
	/** Day number (days since 1970-01-01) of day 0: the first day with a sales line. */
	firstDay: number;
	/** Days of history: day 0 … days − 1 (the last day with a sales line). */
	days: number;
	/** Each category (sorted), then `TOTAL_SERIES`. */
	names: string[];
	/** `units[s][d]`: units of series `s` on day `d`. */
	units: Float64Array[];
	/** `revenue[s][d]`: ₹ of series `s` on day `d`. */
	revenue: Float64Array[];
	/**
	 * 1 on a festival / salary day, for `days + HORIZON` days: the history's from dim_date, the horizon's
	 * from the same calendar the pipeline marks dim_date with (both are known ahead).
	 */
	festival: Uint8Array;
	salary: Uint8Array;
}

/** The daily series of the Gold tables `sql` can read (`gold_agg_daily_sales`, `gold_dim_date`). */
export async function readDailySeries(sql: SqlEngine): Promise<DailySeries> {
	return dailySeriesFromRows((await sql.query(dailySeriesSql)).rows);
}

/** yyyymmdd → day number. */
export function dateKeyToDay(dateKey: number): number {
	return dayNumber(Math.floor(dateKey / 10_000), Math.floor(dateKey / 100) % 100, dateKey % 100);
}

/** Pivots `daily-series.sql`'s rows (day × category, ordered by day then category) into `DailySeries`. */
export function dailySeriesFromRows(rows: readonly Record<string, SqlValue>[]): DailySeries {
	if (rows.length === 0) {
		throw new Error(
			'The published Gold has no sales to forecast: generate or import data, then run the pipeline.'
		);
	}
	const categories = [...new Set(rows.map((row) => String(row.category)))].sort();
	const column = new Map(categories.map((name, i) => [name, i]));
	const firstDay = dateKeyToDay(Number(rows[0].date_key));
	const days = dateKeyToDay(Number(rows[rows.length - 1].date_key)) - firstDay + 1;
	const total = categories.length;
	const units = Array.from({ length: total + 1 }, () => new Float64Array(days));
	const revenue = Array.from({ length: total + 1 }, () => new Float64Array(days));
	const festival = new Uint8Array(days + HORIZON);
	const salary = new Uint8Array(days + HORIZON);
	for (const row of rows) {
		const d = dateKeyToDay(Number(row.date_key)) - firstDay;
		const s = column.get(String(row.category))!;
		units[s][d] = Number(row.units);
		revenue[s][d] = Number(row.revenue);
		units[total][d] += Number(row.units);
		revenue[total][d] += Number(row.revenue);
		festival[d] = row.is_festival ? 1 : 0;
		salary[d] = row.is_salary_day ? 1 : 0;
	}
	for (let d = days; d < days + HORIZON; d++) {
		festival[d] = festivalOn(firstDay + d) ? 1 : 0;
		salary[d] = isSalaryDay(firstDay + d) ? 1 : 0;
	}
	return { firstDay, days, names: [...categories, TOTAL_SERIES], units, revenue, festival, salary };
}
