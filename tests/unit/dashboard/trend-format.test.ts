import { describe, expect, it } from 'vitest';
import { formatMonth, formatPeriod, formatRange, parseGrain } from '$lib/components/dashboard/trend-format';
import { calendarDay, formatMoment } from '$lib/format';

describe('trend periods', () => {
	it('reads a grain from the URL', () => {
		expect(parseGrain('week')).toBe('week');
		expect(parseGrain('year')).toBeNull();
		expect(parseGrain(null)).toBeNull();
	});

	it('places a period on its local day', () => {
		const date = calendarDay('2024-03-05');
		expect([date.getFullYear(), date.getMonth(), date.getDate()]).toEqual([2024, 2, 5]);
	});

	it('names periods for people', () => {
		expect(formatPeriod('2024-03-01', 'month')).toBe('Mar 2024');
		expect(formatPeriod('2024-03-04', 'week')).toBe('week of 4 Mar 2024');
		expect(formatPeriod('2024-03-05', 'day')).toBe('5 Mar 2024');
		expect(formatMonth('2024-11')).toBe('Nov 2024');
		expect(formatRange('2025-01-01', '2025-06-30')).toBe('1 Jan 2025 – 30 Jun 2025');
	});

	it('writes a moment with the month in words, never as 12/2/2026', () => {
		const at = new Date(2026, 11, 2, 14, 5);
		expect(formatMoment(at)).toBe('2 Dec 2026, 2:05 pm');
		expect(formatMoment(at.toISOString())).toBe('2 Dec 2026, 2:05 pm');
	});
});
