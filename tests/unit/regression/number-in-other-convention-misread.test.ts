import { describe, expect, it } from 'vitest';
import { convertValue, plainNumber } from '../../../src/lib/import/value-text';

/**
 * Finding: a thousands separator was dropped wherever it stood, so a number written in the other
 * convention was misread silently: with a decimal comma (detected from another column's `3,5`), a
 * Parquet DOUBLE quantity of 1.5 became 15 and a price of 3.25 became 325; without one, `1,5` became 15.
 * Separators now have to stand between groups of digits (three after the last), or the value is refused
 * and its row rejected with the reason.
 */
describe('a number in the other decimal convention is refused, not misread', () => {
	it('refuses 1.5 and 3.25 with a decimal comma, 1,5 and 12,34 without', () => {
		expect(plainNumber('1.5', true)).toBeNull();
		expect(plainNumber('3.25', true)).toBeNull();
		expect(plainNumber('1,5', false)).toBeNull();
		expect(plainNumber('12,34', false)).toBeNull();
		expect(convertValue('INTEGER', '1.5', { dateOrder: 'ymd', decimalComma: true })).toEqual({
			text: '1.5',
			problem: 'is not an integer'
		});
	});
	it('still reads grouped numbers in either convention, Indian grouping included', () => {
		expect(plainNumber('1.234.567,89', true)).toBe('1234567.89');
		expect(plainNumber('1 234,50', true)).toBe('1234.50');
		expect(plainNumber('1,23,456.50', false)).toBe('123456.50');
		expect(plainNumber('1,234,567', false)).toBe('1234567');
		expect(plainNumber("1'234.5", false)).toBe('1234.5');
		expect(plainNumber('12', true)).toBe('12');
	});
});
