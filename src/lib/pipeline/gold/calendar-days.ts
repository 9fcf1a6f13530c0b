import { festivalOn, isSalaryDay } from '../../calendar/retail-calendar';
import { formatDate, parseIsoDate } from '../../calendar/dates';
import type { SqlEngine } from '../../sql/sql-engine';
import calendarDaysSql from './calendar-days.sql?raw';
import dateRangeSql from './date-range.sql?raw';

/**
 * Fills the temporary table `gold_calendar_days` (day, festival_name, is_salary_day) with every day the
 * silver facts touch, marked from the generator's calendar so dim_date and the data agree on festivals.
 */
export async function createCalendarDays(sql: SqlEngine): Promise<void> {
	await sql.exec(calendarDaysSql);
	const [{ first_day, last_day }] = (await sql.query(dateRangeSql)).rows;
	if (first_day === null || last_day === null) return;
	const first = parseIsoDate(String(first_day));
	const last = parseIsoDate(String(last_day));
	if (first === null || last === null)
		throw new Error(`Unreadable fact date range ${first_day} … ${last_day}`);
	const rows: string[] = [];
	for (let dayNo = first; dayNo <= last; dayNo++) {
		const festival = festivalOn(dayNo)?.name;
		const name = festival === undefined ? 'NULL' : `'${festival.replaceAll("'", "''")}'`;
		rows.push(`(DATE '${formatDate(dayNo)}', ${name}, ${isSalaryDay(dayNo)})`);
	}
	await sql.exec(`INSERT INTO gold_calendar_days VALUES ${rows.join(', ')}`);
}
