/** Calendar days (`YYYY-MM-DD`) for sentences, the same in every browser and in Node: `Tue 14 Mar 2023`. */

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(day: string): { year: number; month: number; date: number; weekday: number } {
	const [year, month, date] = day.split('-').map(Number);
	const weekday = (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
	return { year, month, date, weekday };
}

/** `2023-03-14` → `Tue 14 Mar 2023`. */
export function formatDay(day: string): string {
	const { year, month, date, weekday } = parts(day);
	return `${WEEKDAYS[weekday]} ${date} ${MONTHS[month - 1]} ${year}`;
}

/** `2023-03-14` → `14 Mar 2023`. */
export function formatShortDay(day: string): string {
	const { year, month, date } = parts(day);
	return `${date} ${MONTHS[month - 1]} ${year}`;
}

/** A span of days: `Tue 14 Mar 2023` for one day, `11 May – 5 Jun 2023` (or across years, both years). */
export function formatDayRange(from: string, to: string): string {
	if (from === to) return formatDay(from);
	const a = parts(from);
	const b = parts(to);
	const end = `${b.date} ${MONTHS[b.month - 1]} ${b.year}`;
	if (a.year !== b.year) return `${a.date} ${MONTHS[a.month - 1]} ${a.year} – ${end}`;
	if (a.month !== b.month) return `${a.date} ${MONTHS[a.month - 1]} – ${end}`;
	return `${a.date}–${end}`;
}

/** The weekday's full name: `Tuesday`. */
export function weekdayName(day: string): string {
	return ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'][parts(day).weekday];
}
