import { describe, expect, it } from 'vitest';
import {
	describeChange,
	exactValue,
	formatValue,
	rawValue,
	relativeChange
} from '$lib/components/dashboard/kpi-format';

describe('formatValue', () => {
	it('formats each kind', () => {
		expect(formatValue('money', 25_000_000)).toBe('₹2.50 Cr');
		expect(formatValue('count', 1234567)).toBe('12,34,567');
		expect(formatValue('percent', 32.456)).toBe('32.5%');
		expect(formatValue('fraction', 0.1234)).toBe('12.3%');
		expect(formatValue('days', 1)).toBe('1.0 day');
		expect(formatValue('days', 3.25)).toBe('3.3 days');
		expect(formatValue('decimal', 2.5)).toBe('2.50');
		expect(formatValue('ratio', 4.123)).toBe('4.12×');
	});

	it('shows a dash for null and values that are not numbers', () => {
		expect(formatValue('money', null)).toBe('—');
		expect(formatValue('count', undefined)).toBe('—');
		expect(formatValue('fraction', NaN)).toBe('—');
	});
});

describe('exactValue', () => {
	it('gives every rupee and paisa, and full precision for rates', () => {
		expect(exactValue('money', 25_000_000)).toBe('₹2,50,00,000.00');
		expect(exactValue('fraction', 0.123456)).toBe('12.3456%');
		expect(exactValue('percent', 32.456)).toBe('32.456%');
		expect(exactValue('count', null)).toBe('No value');
	});
});

describe('relativeChange', () => {
	it('is the change as a fraction of the previous value', () => {
		expect(relativeChange(110, 100)).toBeCloseTo(0.1);
		expect(relativeChange(90, 100)).toBeCloseTo(-0.1);
		expect(relativeChange(-50, -100)).toBeCloseTo(0.5);
	});

	it('is null without both values or with a previous value of 0', () => {
		expect(relativeChange(10, 0)).toBeNull();
		expect(relativeChange(null, 10)).toBeNull();
		expect(relativeChange(10, undefined)).toBeNull();
	});
});

describe('describeChange', () => {
	it('says the direction with an arrow and in words', () => {
		expect(describeChange(0.123)).toEqual({
			direction: 'up',
			text: '▲ 12.3%',
			words: 'up 12.3% on the previous period',
			tone: 'good'
		});
		expect(describeChange(-0.05)).toMatchObject({ direction: 'down', text: '▼ 5.0%', tone: 'bad' });
	});

	it('reads a rise as bad news where less is better', () => {
		expect(describeChange(0.2, false).tone).toBe('bad');
		expect(describeChange(-0.2, false).tone).toBe('good');
	});

	it('calls a change that rounds to 0.0% unchanged', () => {
		expect(describeChange(0.00001)).toMatchObject({ direction: 'flat', text: '0.0%', tone: 'neutral' });
	});
});

describe('rawValue', () => {
	it('writes numbers as JavaScript does and null as empty', () => {
		expect(rawValue(1234.5)).toBe('1234.5');
		expect(rawValue(null)).toBe('');
		expect(rawValue(undefined)).toBe('');
		expect(rawValue(NaN)).toBe('');
		expect(rawValue('Delhi')).toBe('Delhi');
	});
});
