import { describe, expect, it } from 'vitest';
import {
	addDays,
	filtersToParams,
	isIsoDate,
	parseFilters,
	previousPeriod,
	resolvePreset,
	type DashboardFilters
} from '../../../src/lib/filters/url-filters';

const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe('isIsoDate and addDays', () => {
	it('accepts only real calendar dates written YYYY-MM-DD', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('1900-02-29')).toBe(false);
		expect(isIsoDate('2000-02-29')).toBe(true);
		expect(isIsoDate('2024-13-01')).toBe(false);
		expect(isIsoDate('2024-2-01')).toBe(false);
		expect(isIsoDate('2024-04-31')).toBe(false);
		expect(isIsoDate('20240101')).toBe(false);
		expect(isIsoDate('')).toBe(false);
	});

	it('moves across month, leap-day and year boundaries', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
		expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
		expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
		expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
	});
});

describe('parseFilters', () => {
	it('reads every filter', () => {
		expect(parse('from=2024-01-01&to=2024-03-31&city=Pune&channel=web&category=Toys')).toEqual({
			from: '2024-01-01',
			to: '2024-03-31',
			city: 'Pune',
			channel: 'web',
			category: 'Toys'
		});
	});

	it('returns no filters for an empty query', () => {
		expect(parse('')).toEqual({});
	});

	it('drops dates that are not real days, keeping the valid bound', () => {
		expect(parse('from=2023-02-29&to=2023-03-31')).toEqual({ to: '2023-03-31' });
		expect(parse('from=2024-02-29&to=yesterday')).toEqual({ from: '2024-02-29' });
	});

	it('drops both dates when from is after to, and keeps a one-day range', () => {
		expect(parse('from=2024-02-01&to=2024-01-31&city=Pune')).toEqual({ city: 'Pune' });
		expect(parse('from=2024-01-31&to=2024-01-31')).toEqual({ from: '2024-01-31', to: '2024-01-31' });
	});

	it('drops an unknown channel and blank or padded text', () => {
		expect(parse('channel=store&city=%20%20&category=')).toEqual({});
		expect(parse('channel=pos&city=%20New%20Delhi%20')).toEqual({ channel: 'pos', city: 'New Delhi' });
	});
});

describe('filtersToParams', () => {
	it('keeps unrelated params in place and writes the filters after them in a fixed order', () => {
		const base = new URLSearchParams('tab=trend&city=Old&z=1');
		const params = filtersToParams({ category: 'Toys & Games', city: 'Pune', from: '2024-01-01' }, base);
		expect(params.toString()).toBe('tab=trend&z=1&from=2024-01-01&city=Pune&category=Toys+%26+Games');
		expect(base.toString()).toBe('tab=trend&city=Old&z=1');
	});

	it('leaves out empty and cleared filters', () => {
		const base = new URLSearchParams('from=2024-01-01&channel=web');
		expect(filtersToParams({ channel: '', city: '  ', to: undefined }, base).toString()).toBe('');
	});

	it('round-trips through parseFilters', () => {
		const filters: DashboardFilters = {
			from: '2024-02-29',
			to: '2025-01-01',
			city: 'Navi Mumbai',
			channel: 'pos',
			category: 'Home & Kitchen'
		};
		expect(parseFilters(filtersToParams(filters))).toEqual(filters);
	});
});

describe('resolvePreset', () => {
	it('counts the last 30 days back from the data end, through a leap February', () => {
		expect(resolvePreset('last30', '2024-03-15')).toEqual({ from: '2024-02-15', to: '2024-03-15' });
		expect(resolvePreset('last30', '2023-03-15')).toEqual({ from: '2023-02-14', to: '2023-03-15' });
	});

	it('counts the last 90 days back across a year boundary', () => {
		// Jan 1–15 (15) + Dec (31) + Nov (30) + Oct 18–31 (14) = 90 days.
		expect(resolvePreset('last90', '2024-01-15')).toEqual({ from: '2023-10-18', to: '2024-01-15' });
	});

	it('starts the year to date on 1 January of the data end year', () => {
		expect(resolvePreset('ytd', '2024-12-31')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
		expect(resolvePreset('ytd', '2025-01-01')).toEqual({ from: '2025-01-01', to: '2025-01-01' });
	});

	it('sets no dates for all', () => {
		expect(resolvePreset('all', '2024-06-30')).toEqual({});
	});

	it('refuses a data end that is not a date', () => {
		expect(() => resolvePreset('last30', '2024-06-31')).toThrow(RangeError);
	});
});

describe('previousPeriod', () => {
	it('is the equal-length period just before, through a leap day', () => {
		// 31 days: Jan 30–31 (2) + Feb 1–29 (29).
		expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ from: '2024-01-30', to: '2024-02-29' });
	});

	it('crosses a year boundary', () => {
		expect(previousPeriod('2024-01-01', '2024-01-07')).toEqual({ from: '2023-12-25', to: '2023-12-31' });
	});

	it('is the day before for a single day', () => {
		expect(previousPeriod('2023-03-01', '2023-03-01')).toEqual({ from: '2023-02-28', to: '2023-02-28' });
	});

	it('covers a whole leap year with the year before', () => {
		expect(previousPeriod('2024-01-01', '2024-12-31')).toEqual({ from: '2022-12-31', to: '2023-12-31' });
	});

	it('refuses a period that ends before it starts', () => {
		expect(() => previousPeriod('2024-02-01', '2024-01-31')).toThrow(RangeError);
	});
});
