import { describe, expect, it } from 'vitest';
import type { BronzeType } from '../../../../src/lib/contracts/raw-contracts';
import { VALUE_CHECKS } from '../../../../src/lib/pipeline/ingest/value-checks';

function passes(type: BronzeType, text: string): boolean {
	const bytes = new TextEncoder().encode(`>${text}<`);
	return VALUE_CHECKS[type].check!(bytes, 1, bytes.length - 1);
}

const cases: Record<Exclude<BronzeType, 'VARCHAR'>, { valid: string[]; invalid: string[] }> = {
	INTEGER: {
		valid: ['0', '7', '-3', '007', '2147483647', '-2147483648', '00000000002147483647'],
		invalid: [
			'3 pcs',
			'two',
			'N/A',
			' 12',
			'12 ',
			'+5',
			'1e3',
			'1.0',
			'-',
			'2147483648',
			'-2147483649',
			'1_000'
		]
	},
	'DECIMAL(12,2)': {
		valid: ['0', '89.50', '499', '-0.05', '1.5', '9999999999.99', '-9999999999.99', '0009999999999.99'],
		invalid: ['₹1,299.00', '1,299.00', 'N/A', '12.345', '.5', '5.', '1e3', ' 1.00', '-', '10000000000.00']
	},
	'DECIMAL(14,2)': {
		valid: ['999999999999.99', '-1.00'],
		invalid: ['1000000000000.00', '1.001']
	},
	DATE: {
		valid: ['2024-05-01', '2024-02-29', '2000-02-29', '0000-01-01', '9999-12-31'],
		invalid: [
			'31/12/2024',
			'2024-13-05',
			'2024-05-32',
			'2023-02-29',
			'1900-02-29',
			'2024-5-1',
			'N/A',
			'2024-05-01 ',
			'2024-05-01 10:00:00'
		]
	},
	TIMESTAMP: {
		valid: ['2024-05-01 10:15:30', '2024-05-01', '2024-05-01 23:59:59.123456', '2024-05-01 00:00:00.5'],
		invalid: [
			'31/12/2024 10:00:00',
			'2024-13-05 10:00:00',
			'2024-05-32 10:00:00',
			'N/A',
			'2024-05-01 24:00:00',
			'2024-05-01 23:60:00',
			'2024-05-01 23:59:60',
			'2024-05-01T10:15:30',
			'2024-05-01 10:15',
			'2024-05-01 10:15:30.',
			'2024-05-01 10:15:30.1234567',
			'2024-05-01 10:15:30Z'
		]
	}
};

describe('raw value checks', () => {
	for (const [type, { valid, invalid }] of Object.entries(cases) as [BronzeType, (typeof cases)['DATE']][]) {
		it(`${type} accepts exactly its documented shape`, () => {
			expect(valid.filter((text) => !passes(type, text))).toEqual([]);
			expect(invalid.filter((text) => passes(type, text))).toEqual([]);
		});
	}

	it('VARCHAR takes anything', () => {
		expect(VALUE_CHECKS.VARCHAR.check).toBeNull();
	});
});
