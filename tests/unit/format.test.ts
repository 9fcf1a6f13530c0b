import { afterEach, describe, expect, it } from 'vitest';
import {
	errorDetails,
	formatBytes,
	formatError,
	formatMoney,
	formatInt,
	formatMs,
	formatSqlValue,
	setCurrency
} from '$lib/format';

describe('formatInt', () => {
	it('groups digits the Indian way', () => {
		expect(formatInt(0)).toBe('0');
		expect(formatInt(999)).toBe('999');
		expect(formatInt(1000)).toBe('1,000');
		expect(formatInt(100000)).toBe('1,00,000');
		expect(formatInt(12345678)).toBe('1,23,45,678');
		expect(formatInt(-1234567)).toBe('-12,34,567');
	});

	it('rounds fractions and keeps every digit of a bigint', () => {
		expect(formatInt(1234.5)).toBe('1,235');
		expect(formatInt(9007199254740993n)).toBe('9,00,71,99,25,47,40,993');
	});

	it('shows a dash for values that are not numbers', () => {
		expect(formatInt(NaN)).toBe('—');
		expect(formatInt(Infinity)).toBe('—');
	});
});

describe('formatMoney', () => {
	it('uses crores from ₹1 Cr up', () => {
		expect(formatMoney(2.5e7)).toBe('₹2.50 Cr');
		expect(formatMoney(1e7)).toBe('₹1.00 Cr');
		expect(formatMoney(123456789012)).toBe('₹12,345.68 Cr');
	});

	it('uses lakhs from ₹1 L up to just under ₹1 Cr', () => {
		expect(formatMoney(1e5)).toBe('₹1.00 L');
		expect(formatMoney(1234567)).toBe('₹12.35 L');
		expect(formatMoney(9_994_999)).toBe('₹99.95 L');
	});

	it('moves to the larger unit when rounding reaches it', () => {
		// 99,99,999 is 99.99999 L: that rounds to 1.00 Cr, not 100.00 L.
		expect(formatMoney(9_999_999)).toBe('₹1.00 Cr');
		expect(formatMoney(99_999.6)).toBe('₹1.00 L');
		expect(formatMoney(99_996)).toBe('₹99,996');
	});

	it('shows whole rupees below a lakh and paise below a thousand', () => {
		expect(formatMoney(45678.9)).toBe('₹45,679');
		expect(formatMoney(1000)).toBe('₹1,000');
		expect(formatMoney(499.5)).toBe('₹499.50');
		expect(formatMoney(0)).toBe('₹0.00');
	});

	it('puts the sign before the rupee symbol', () => {
		expect(formatMoney(-2.5e7)).toBe('-₹2.50 Cr');
		expect(formatMoney(-1234567)).toBe('-₹12.35 L');
		expect(formatMoney(-45678.9)).toBe('-₹45,679');
	});

	it('gives the exact amount when not compact', () => {
		expect(formatMoney(2.5e7, { compact: false })).toBe('₹2,50,00,000.00');
		expect(formatMoney(1234567.891, { compact: false })).toBe('₹12,34,567.89');
		expect(formatMoney(-1234.5, { compact: false })).toBe('-₹1,234.50');
	});

	it('shows a dash for values that are not numbers', () => {
		expect(formatMoney(NaN)).toBe('—');
		expect(formatMoney(-Infinity, { compact: false })).toBe('—');
	});
});

describe('formatMoney and formatInt in other currencies', () => {
	afterEach(() => setCurrency('INR'));

	it('pounds: en-GB grouping, K / M / B from £10,000 up', () => {
		setCurrency('GBP');
		expect(formatInt(12345678)).toBe('12,345,678');
		expect(formatMoney(499.5)).toBe('£499.50');
		expect(formatMoney(9999.4)).toBe('£9,999');
		expect(formatMoney(12_345)).toBe('£12.35K');
		expect(formatMoney(2.5e6)).toBe('£2.50M');
		expect(formatMoney(3.21e9)).toBe('£3.21B');
		expect(formatMoney(-1234567)).toBe('-£1.23M');
		expect(formatMoney(2.5e7, { compact: false })).toBe('£25,000,000.00');
	});

	it('moves to the larger unit when rounding reaches it, as rupees do', () => {
		setCurrency('GBP');
		// 999,999 is 999.999K: that rounds to 1.00M, not 1,000.00K.
		expect(formatMoney(999_999)).toBe('£1.00M');
		expect(formatMoney(9_999.6)).toBe('£10.00K');
	});

	it('dollars and euros: en-US grouping and their own symbol', () => {
		setCurrency('USD');
		expect(formatMoney(1234.5, { compact: false })).toBe('$1,234.50');
		expect(formatMoney(45_600)).toBe('$45.60K');
		setCurrency('eur');
		expect(formatMoney(1234.5, { compact: false })).toBe('€1,234.50');
	});

	it('rupees again keep lakh and crore', () => {
		setCurrency('GBP');
		setCurrency('INR');
		expect(formatMoney(1234567)).toBe('₹12.35 L');
		expect(formatInt(12345678)).toBe('1,23,45,678');
	});

	it('an unknown currency code falls back to rupees', () => {
		setCurrency('NOT-A-CODE');
		expect(formatMoney(1234567)).toBe('₹12.35 L');
	});
});

describe('formatBytes', () => {
	it('keeps bytes whole below a kilobyte', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(1)).toBe('1 B');
		expect(formatBytes(999)).toBe('999 B');
	});

	it('uses decimal units with one decimal under 100', () => {
		expect(formatBytes(1000)).toBe('1.0 kB');
		expect(formatBytes(1500)).toBe('1.5 kB');
		expect(formatBytes(17_600_000)).toBe('17.6 MB');
		expect(formatBytes(34_200_000)).toBe('34.2 MB');
		expect(formatBytes(2_500_000_000)).toBe('2.5 GB');
	});

	it('drops the decimal from 100 up', () => {
		expect(formatBytes(123_456_789)).toBe('123 MB');
		expect(formatBytes(99_960)).toBe('100 kB');
	});

	it('moves to the larger unit when rounding reaches 1000', () => {
		expect(formatBytes(999_960)).toBe('1.0 MB');
	});

	it('shows a dash for impossible sizes', () => {
		expect(formatBytes(-1)).toBe('—');
		expect(formatBytes(NaN)).toBe('—');
	});
});

describe('formatMs', () => {
	it('shows a decimal for short times', () => {
		expect(formatMs(0)).toBe('0.0 ms');
		expect(formatMs(4.24)).toBe('4.2 ms');
	});

	it('shows whole milliseconds under a second', () => {
		expect(formatMs(9.95)).toBe('10 ms');
		expect(formatMs(312.4)).toBe('312 ms');
	});

	it('shows seconds under a minute', () => {
		expect(formatMs(999.5)).toBe('1.00 s');
		expect(formatMs(2345)).toBe('2.35 s');
		expect(formatMs(12_345)).toBe('12.3 s');
	});

	it('shows minutes and hours for long runs', () => {
		expect(formatMs(59_960)).toBe('1 min 0 s');
		expect(formatMs(125_000)).toBe('2 min 5 s');
		expect(formatMs(3_840_000)).toBe('1 h 4 min');
	});

	it('shows a dash for impossible durations', () => {
		expect(formatMs(-1)).toBe('—');
	});
});

describe('formatSqlValue', () => {
	it('returns null for SQL NULL', () => {
		expect(formatSqlValue(null, 'INTEGER')).toBeNull();
		expect(formatSqlValue(undefined, 'INTEGER')).toBeNull();
	});

	it('keeps every digit of a BIGINT', () => {
		expect(formatSqlValue(9007199254740993n, 'BIGINT')).toBe('9007199254740993');
	});

	it('shows plain scalars as DuckDB would', () => {
		expect(formatSqlValue(3.25, 'DOUBLE')).toBe('3.25');
		expect(formatSqlValue(true, 'BOOLEAN')).toBe('true');
		expect(formatSqlValue('Mumbai', 'VARCHAR')).toBe('Mumbai');
	});

	it('shows dates and timestamps ISO-like, in UTC', () => {
		const diwali = Date.UTC(2024, 9, 31, 18, 30);
		expect(formatSqlValue(new Date(diwali), 'TIMESTAMP')).toBe('2024-10-31 18:30:00');
		expect(formatSqlValue(new Date(diwali + 250), 'TIMESTAMP')).toBe('2024-10-31 18:30:00.250');
		expect(formatSqlValue(new Date(Date.UTC(2024, 9, 31)), 'DATE')).toBe('2024-10-31');
		expect(formatSqlValue(new Date(diwali), 'TIMESTAMP WITH TIME ZONE')).toBe('2024-10-31 18:30:00 UTC');
	});

	it('reads numeric dates and timestamps in the unit their type implies', () => {
		const diwali = Date.UTC(2024, 9, 31, 18, 30);
		expect(formatSqlValue(diwali, 'TIMESTAMP')).toBe('2024-10-31 18:30:00');
		expect(formatSqlValue(BigInt(diwali) * 1000n, 'TIMESTAMP')).toBe('2024-10-31 18:30:00');
		expect(formatSqlValue(BigInt(diwali) * 1_000_000n, 'TIMESTAMP_NS')).toBe('2024-10-31 18:30:00');
		expect(formatSqlValue(BigInt(diwali / 1000), 'TIMESTAMP_S')).toBe('2024-10-31 18:30:00');
		// 2024-10-31 is day 20,027 since 1970-01-01.
		expect(formatSqlValue(20027, 'DATE')).toBe('2024-10-31');
		expect(formatSqlValue(Date.UTC(2024, 9, 31), 'DATE')).toBe('2024-10-31');
	});

	it('shows blobs as escaped bytes and nested values as JSON', () => {
		expect(formatSqlValue(new Uint8Array([0, 171, 255]), 'BLOB')).toBe('\\x00\\xab\\xff');
		expect(formatSqlValue(new Uint8Array(40), 'BLOB')).toMatch(/… \(40 bytes\)$/);
		expect(formatSqlValue([1n, 2n], 'BIGINT[]')).toBe('["1","2"]');
		expect(formatSqlValue({ city: 'Pune', orders: 3 }, 'STRUCT(city VARCHAR, orders INTEGER)')).toBe(
			'{"city":"Pune","orders":3}'
		);
	});
});

describe('formatError', () => {
	it('joins what happened, the first line of the reason and the advice into one sentence', () => {
		const e = new Error('Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^');
		expect(formatError('The query failed', e, 'Check the SQL and run it again.')).toBe(
			'The query failed: Parser Error: syntax error at or near "SELEC". Check the SQL and run it again.'
		);
	});

	it('does not double the full stop and copes with non-Error values', () => {
		expect(formatError('Saving failed', new Error('Disk is full.'), 'Free some space.')).toBe(
			'Saving failed: Disk is full. Free some space.'
		);
		expect(formatError('Saving failed', 'quota exceeded', 'Free some space.')).toBe(
			'Saving failed: quota exceeded. Free some space.'
		);
		expect(formatError('Saving failed', new Error(''), 'Try again.')).toBe('Saving failed. Try again.');
		expect(formatError('The query failed', new Error('Table x does not exist!'), 'Check the name.')).toBe(
			'The query failed: Table x does not exist! Check the name.'
		);
	});
});

describe('errorDetails', () => {
	it('keeps the lines after the first, caret alignment included', () => {
		const e = new Error('Parser Error: syntax error at or near "SELEC"\n\nLINE 1: SELEC 1\n        ^');
		expect(errorDetails(e)).toBe('LINE 1: SELEC 1\n        ^');
	});

	it('keeps a block repeated word for word once', () => {
		const line = 'LINE 1: SELEC 1\n        ^';
		const e = new Error(`Parser Error: syntax error at or near "SELEC"\n\n${line}\n\n${line}`);
		expect(errorDetails(e)).toBe(line);
	});

	it('is null for one-line messages', () => {
		expect(errorDetails(new Error('Catalog Error: Table with name x does not exist!'))).toBeNull();
	});
});
