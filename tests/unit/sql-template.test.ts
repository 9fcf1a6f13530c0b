import { describe, expect, it } from 'vitest';
import { fillSql } from '../../src/lib/sql/sql-template';
import { quoteLiteral } from '../../src/lib/sql/sql-text';

describe('SQL templates', () => {
	it('fills every placeholder, and insists on exactly the placeholders the template has', () => {
		expect(fillSql('SELECT {{a}} FROM {{b}} WHERE {{a}} > 0', { a: 'x', b: 't' })).toBe(
			'SELECT x FROM t WHERE x > 0'
		);
		expect(() => fillSql('SELECT {{a}}', {})).toThrow('{{a}}');
		expect(() => fillSql('SELECT 1', { a: 'x' })).toThrow('no placeholder for a');
	});

	it('quotes string literals', () => {
		expect(quoteLiteral(`it's`)).toBe(`'it''s'`);
	});
});
