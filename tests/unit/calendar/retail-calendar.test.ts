import { describe, expect, it } from 'vitest';
import {
	ALL_FESTIVALS,
	festivalOn,
	isCongested,
	isSalaryDay,
	CALENDAR_FIRST_YEAR,
	CALENDAR_LAST_YEAR
} from '$lib/calendar/retail-calendar';
import { civilDate, dayNumber, formatDate, isoWeekday, parseIsoDate } from '$lib/calendar/dates';
import { promotionsBetween } from '$lib/generate/promotions';

const day = (text: string) => parseIsoDate(text)!;

describe('dates', () => {
	it('converts between civil dates and day numbers', () => {
		expect(dayNumber(1970, 1, 1)).toBe(0);
		expect(day('2024-02-29') - day('2024-02-28')).toBe(1);
		expect(day('2024-03-01') - day('2024-02-29')).toBe(1);
		for (let n = day('2021-12-25'); n < day('2028-01-10'); n++) {
			const { year, month, day: d } = civilDate(n);
			expect(dayNumber(year, month, d)).toBe(n);
		}
		expect(formatDate(day('2025-10-20'))).toBe('2025-10-20');
	});

	it('knows weekdays (0 = Monday) and rejects impossible dates', () => {
		expect(isoWeekday(day('2025-10-20'))).toBe(0);
		expect(isoWeekday(day('2024-11-03'))).toBe(6);
		expect(parseIsoDate('2025-02-29')).toBeNull();
		expect(parseIsoDate('2025-13-01')).toBeNull();
		expect(parseIsoDate('20/10/2025')).toBeNull();
	});
});

describe('festival calendar', () => {
	it('has Diwali on its real dates', () => {
		const diwali = ALL_FESTIVALS.filter((f) => f.name === 'Diwali').map((f) => f.date);
		expect(diwali).toEqual([
			'2022-10-24',
			'2023-11-12',
			'2024-11-01',
			'2025-10-20',
			'2026-11-08',
			'2027-10-29'
		]);
		expect(festivalOn(day('2024-11-01'))?.name).toBe('Diwali');
		expect(festivalOn(day('2024-11-02'))).toBeUndefined();
	});

	it('has every festival once a year, 2022–2027, never two on one day', () => {
		const years = CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1;
		const names = new Set(ALL_FESTIVALS.map((f) => f.name));
		for (const name of names) {
			const dates = ALL_FESTIVALS.filter((f) => f.name === name).map((f) => civilDate(f.dayNo).year);
			expect(dates, name).toEqual(Array.from({ length: years }, (_, i) => CALENDAR_FIRST_YEAR + i));
		}
		expect(new Set(ALL_FESTIVALS.map((f) => f.dayNo)).size).toBe(ALL_FESTIVALS.length);
		expect(names).toContain('Holi');
		expect(names).toContain('Eid al-Fitr');
		expect(festivalOn(day('2025-08-15'))?.name).toBe('Independence Day');
		expect(festivalOn(day('2026-01-26'))?.name).toBe('Republic Day');
	});

	it('marks salary days (first and last of the month) and congestion around big festivals', () => {
		expect(isSalaryDay(day('2024-02-29'))).toBe(true);
		expect(isSalaryDay(day('2024-03-01'))).toBe(true);
		expect(isSalaryDay(day('2024-03-02'))).toBe(false);
		expect(isCongested(day('2025-10-20'))).toBe(true);
		expect(isCongested(day('2025-10-24'))).toBe(true);
		expect(isCongested(day('2025-07-10'))).toBe(false);
	});

	it('places festive promotions before their festival', () => {
		const promotions = promotionsBetween(day('2025-01-01'), day('2025-12-31'));
		const diwaliWeek = promotions.find((p) => p.name === 'Diwali Week')!;
		expect([formatDate(diwaliWeek.firstDay), formatDate(diwaliWeek.lastDay)]).toEqual([
			'2025-10-13',
			'2025-10-17'
		]);
		expect(promotions.every((p) => p.discount > 0 && p.discount <= 0.15)).toBe(true);
	});
});
