import type { TrendGrain } from '$lib/analytics/commercial';

export const GRAINS: readonly { value: TrendGrain; label: string }[] = [
	{ value: 'day', label: 'Day' },
	{ value: 'week', label: 'Week' },
	{ value: 'month', label: 'Month' }
];

/** `grain=` from the URL; null when missing or not a grain. */
export function parseGrain(value: string | null | undefined): TrendGrain | null {
	return value === 'day' || value === 'week' || value === 'month' ? value : null;
}

/** A period's first day `YYYY-MM-DD` as a local Date at midnight (charts place it on that day). */
export function periodDate(period: string): Date {
	const [year, month, day] = period.split('-').map(Number);
	return new Date(year, (month || 1) - 1, day || 1);
}

const monthYear = new Intl.DateTimeFormat('en-IN', { month: 'short', year: 'numeric' });
const dayMonth = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', year: 'numeric' });

/** A period for people: `Jan 2024` for a month, `week of 1 Jan 2024`, `1 Jan 2024`. */
export function formatPeriod(period: string | Date, grain: TrendGrain): string {
	const date = typeof period === 'string' ? periodDate(period) : period;
	if (grain === 'month') return monthYear.format(date);
	if (grain === 'week') return `week of ${dayMonthYear.format(date)}`;
	return dayMonthYear.format(date);
}

/** A short axis label: `Jan 2024` for months or a span over about half a year, `1 Jan` otherwise. */
export function formatTick(date: Date, grain: TrendGrain, spanDays = 0): string {
	return grain === 'month' || spanDays > 180 ? monthYear.format(date) : dayMonth.format(date);
}

/** `2024-01` → `Jan 2024`. */
export function formatMonth(month: string): string {
	return monthYear.format(periodDate(`${month}-01`));
}

/** Two days `YYYY-MM-DD` as a range for people: `1 Jan 2025 – 30 Jun 2025`. */
export function formatRange(from: string, to: string): string {
	return `${dayMonthYear.format(periodDate(from))} – ${dayMonthYear.format(periodDate(to))}`;
}
