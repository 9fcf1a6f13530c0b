import type { TrendGrain } from '$lib/analytics/commercial';
import { formatDay, formatDayMonth, formatMonthYear } from '$lib/format/date';

export const GRAINS: readonly { value: TrendGrain; label: string }[] = [
	{ value: 'day', label: 'Day' },
	{ value: 'week', label: 'Week' },
	{ value: 'month', label: 'Month' }
];

/** `grain=` from the URL; null when missing or not a grain. */
export function parseGrain(value: string | null | undefined): TrendGrain | null {
	return value === 'day' || value === 'week' || value === 'month' ? value : null;
}

/** A period for people: `Jan 2024` for a month, `week of 1 Jan 2024`, `1 Jan 2024`. */
export function formatPeriod(period: string | Date, grain: TrendGrain): string {
	if (grain === 'month') return formatMonthYear(period);
	if (grain === 'week') return `week of ${formatDay(period)}`;
	return formatDay(period);
}

/** A short axis label: `Jan 2024` for months or a span over about half a year, `1 Jan` otherwise. */
export function formatTick(date: Date, grain: TrendGrain, spanDays = 0): string {
	return grain === 'month' || spanDays > 180 ? formatMonthYear(date) : formatDayMonth(date);
}
