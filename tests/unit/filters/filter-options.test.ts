import { describe, expect, it } from 'vitest';
import { dateKeyToIso, toFilterOptions } from '../../../src/lib/filters/filter-options';

describe('dateKeyToIso', () => {
	it('turns a Gold date key into YYYY-MM-DD', () => {
		expect(dateKeyToIso('20240229')).toBe('2024-02-29');
		expect(dateKeyToIso(20250101)).toBe('2025-01-01');
	});

	it('gives null when there is no key', () => {
		expect(dateKeyToIso(null)).toBeNull();
		expect(dateKeyToIso(undefined)).toBeNull();
		expect(dateKeyToIso('2024-02-29')).toBeNull();
	});
});

describe('toFilterOptions', () => {
	it('sorts cities and categories and reads the data span', () => {
		expect(
			toFilterOptions([
				{ kind: 'city', value: 'Pune' },
				{ kind: 'category', value: 'Toys' },
				{ kind: 'city', value: 'Bengaluru' },
				{ kind: 'end', value: '20241231' },
				{ kind: 'category', value: 'Apparel' },
				{ kind: 'start', value: '20230101' }
			])
		).toEqual({
			cities: ['Bengaluru', 'Pune'],
			categories: ['Apparel', 'Toys'],
			dataStart: '2023-01-01',
			dataEnd: '2024-12-31'
		});
	});

	it('has no span when the table is empty', () => {
		expect(
			toFilterOptions([
				{ kind: 'start', value: null },
				{ kind: 'end', value: null }
			])
		).toEqual({ cities: [], categories: [], dataStart: null, dataEnd: null });
	});
});
