/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian) with integer
 * operations only, and the fixed text formats of the raw files. No `Date`, no time zones: every
 * generated timestamp is local time by contract.
 */

export interface CivilDate {
	year: number;
	month: number;
	day: number;
}

export const SECONDS_PER_DAY = 86_400;

/** Day number of a civil date (Howard Hinnant's `days_from_civil`). */
export function dayNumber(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

/** Civil date of a day number (`civil_from_days`). */
export function civilDate(dayNo: number): CivilDate {
	const z = dayNo + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNo: number): number {
	return (((dayNo + 3) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
	return (
		dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayNumber(year, month, 1)
	);
}

/** Parses a strict `YYYY-MM-DD` into a day number, or null when the text is not a real date. */
export function parseIsoDate(text: string): number | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return dayNumber(year, month, day);
}

export const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) =>
	i < 10 ? `0${i}` : `${i}`
);

/** `YYYY-MM-DD` */
export function formatDate(dayNo: number): string {
	const { year, month, day } = civilDate(dayNo);
	return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

/** `HH:MM:SS` of a second of the day. */
export function formatTime(secondOfDay: number): string {
	const hour = Math.floor(secondOfDay / 3600);
	const minute = Math.floor((secondOfDay % 3600) / 60);
	return `${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[secondOfDay % 60]}`;
}

/** `YYYY-MM-DD HH:MM:SS` of an instant counted in seconds since 1970-01-01 00:00:00 local time. */
export function formatTimestamp(epochSecond: number): string {
	const dayNo = Math.floor(epochSecond / SECONDS_PER_DAY);
	return `${formatDate(dayNo)} ${formatTime(epochSecond - dayNo * SECONDS_PER_DAY)}`;
}
