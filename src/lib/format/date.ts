/**
 * The app's one way of writing dates, day before month and the month in words (`2 Dec 2026`,
 * `2 Dec 2026, 2:05 pm`), never a numeric `12/2/2026` that reads differently per country. Spelt out here
 * rather than by Intl, so the CLI and every browser word them the same. Days of the data (`YYYY-MM-DD`) are
 * calendar days, written as they are whatever the time zone; moments (a run's start) are written in the
 * reader's time zone.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `2025-12-04` (or `2025-12`) → that day at local midnight: a chart's time axis places it on that day. */
export function calendarDay(iso: string): Date {
	const [year, month, day] = iso.split('-').map(Number);
	return new Date(year, (month || 1) - 1, day || 1);
}

function asDate(day: string | Date): Date {
	return typeof day === 'string' ? calendarDay(day) : day;
}

/** `4 Dec 2025` for a day of the data (`2025-12-04` or a Date from `calendarDay`). */
export function formatDay(day: string | Date): string {
	const date = asDate(day);
	return `${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/** `4 Dec`: an axis tick within a year. */
export function formatDayMonth(day: string | Date): string {
	const date = asDate(day);
	return `${date.getDate()} ${MONTHS[date.getMonth()]}`;
}

/** `Dec 2025` for a month (`2025-12`) or a day in it. */
export function formatMonthYear(day: string | Date): string {
	const date = asDate(day);
	return `${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/**
 * A span of days for sentences: `Tue 14 Mar 2023` for one day (its weekday matters to an anomaly),
 * `11–15 May 2023`, `11 May – 5 Jun 2023`, or with both years across a new year.
 */
export function formatDayRange(from: string, to: string): string {
	const a = calendarDay(from);
	if (from === to) return `${WEEKDAYS[a.getDay()]} ${formatDay(a)}`;
	const end = formatDay(to);
	if (a.getFullYear() !== calendarDay(to).getFullYear()) return `${formatDay(a)} – ${end}`;
	if (a.getMonth() !== calendarDay(to).getMonth()) return `${formatDayMonth(a)} – ${end}`;
	return `${a.getDate()}–${end}`;
}

/** `4 Dec 2025, 2:05 pm` in the reader's time zone, for a moment (an ISO timestamp or a Date). */
export function formatMoment(at: string | Date): string {
	const date = typeof at === 'string' ? new Date(at) : at;
	const hours = date.getHours();
	const minutes = String(date.getMinutes()).padStart(2, '0');
	return `${formatDay(date)}, ${hours % 12 || 12}:${minutes} ${hours < 12 ? 'am' : 'pm'}`;
}
