import { describe, expect, it } from 'vitest';
import { formatPeriod, parseGrain } from '$lib/components/dashboard/trend-format';
import { calendarDay, formatDayRange, formatMoment, formatMonthYear } from '$lib/format';

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
		expect(formatMonthYear('2024-11')).toBe('Nov 2024');
		expect(formatMonthYear('2023-09')).toBe('Sep 2023');
	});

	it('writes spans of days for sentences, the weekday of a single day included', () => {
		expect(formatDayRange('2023-03-14', '2023-03-14')).toBe('Tue 14 Mar 2023');
		expect(formatDayRange('2023-05-11', '2023-05-15')).toBe('11–15 May 2023');
		expect(formatDayRange('2025-01-01', '2025-06-30')).toBe('1 Jan – 30 Jun 2025');
		expect(formatDayRange('2024-12-30', '2025-01-02')).toBe('30 Dec 2024 – 2 Jan 2025');
	});

	it('writes a moment with the month in words, never as 12/2/2026', () => {
		const at = new Date(2026, 11, 2, 14, 5);
		expect(formatMoment(at)).toBe('2 Dec 2026, 2:05 pm');
		expect(formatMoment(at.toISOString())).toBe('2 Dec 2026, 2:05 pm');
		expect(formatMoment(new Date(2026, 0, 5, 0, 7))).toBe('5 Jan 2026, 12:07 am');
		expect(formatMoment(new Date(2026, 0, 5, 12, 0))).toBe('5 Jan 2026, 12:00 pm');
	});
});
