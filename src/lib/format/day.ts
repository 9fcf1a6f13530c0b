/**
 * Spans of calendar days (`YYYY-MM-DD`) for sentences (anomaly reasons, answers), spelt out here rather than
 * by Intl so that the CLI and every browser word them the same: `Tue 14 Mar 2023`, `11 May – 5 Jun 2023`.
 */

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(day: string): { year: number; month: number; date: number; weekday: number } {
	const [year, month, date] = day.split('-').map(Number);
	const weekday = (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
	return { year, month, date, weekday };
}

/** `2023-03-14` → `Tue 14 Mar 2023`: an anomaly's single day, whose weekday matters. */
function weekdayAndDay(day: string): string {
	const { year, month, date, weekday } = parts(day);
	return `${WEEKDAYS[weekday]} ${date} ${MONTHS[month - 1]} ${year}`;
}

/** A span of days: `Tue 14 Mar 2023` for one day, `11 May – 5 Jun 2023` (or across years, both years). */
export function formatDayRange(from: string, to: string): string {
	if (from === to) return weekdayAndDay(from);
	const a = parts(from);
	const b = parts(to);
	const end = `${b.date} ${MONTHS[b.month - 1]} ${b.year}`;
	if (a.year !== b.year) return `${a.date} ${MONTHS[a.month - 1]} ${a.year} – ${end}`;
	if (a.month !== b.month) return `${a.date} ${MONTHS[a.month - 1]} – ${end}`;
	return `${a.date}–${end}`;
}
