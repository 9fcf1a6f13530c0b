/**
 * The app's one way of writing dates: Indian English, day before month, month in words (`2 Dec 2026`,
 * `2 Dec 2026, 2:05 pm`), never a numeric `12/2/2026` that reads differently per country. Dates of the data
 * (`YYYY-MM-DD` days) are calendar days, written as they are whatever the time zone; moments (a run's
 * start) are written in the reader's time zone.
 */
const LOCALE = 'en-IN';

const dayMonthYear = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short' });
const monthYear = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: 'numeric' });
const moment = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });

/** `2025-12-04` (or `2025-12`) → that day at local midnight: a chart's time axis places it on that day. */
export function calendarDay(iso: string): Date {
	const [year, month, day] = iso.split('-').map(Number);
	return new Date(year, (month || 1) - 1, day || 1);
}

/** `4 Dec 2025` for a day of the data (`2025-12-04` or a Date from `calendarDay`). */
export function formatDay(day: string | Date): string {
	return dayMonthYear.format(typeof day === 'string' ? calendarDay(day) : day);
}

/** `4 Dec`: an axis tick within a year. */
export function formatDayMonth(day: string | Date): string {
	return dayMonth.format(typeof day === 'string' ? calendarDay(day) : day);
}

/** `Dec 2025` for a month (`2025-12`) or a day in it. */
export function formatMonthYear(day: string | Date): string {
	return monthYear.format(typeof day === 'string' ? calendarDay(day) : day);
}

/** `4 Dec 2025, 2:05 pm` in the reader's time zone, for a moment (an ISO timestamp or a Date). */
export function formatMoment(at: string | Date): string {
	return moment.format(typeof at === 'string' ? new Date(at) : at);
}
