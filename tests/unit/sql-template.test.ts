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

	it('keeps a value’s line breaks outside comments: a `--` in a string or a quoted name starts none', () => {
		const value = 'a\nb';
		expect(fillSql(`SELECT '--', {{v}} -- {{v}}`, { v: value })).toBe(`SELECT '--', a\nb -- a b`);
		expect(fillSql(`SELECT "x--y", {{v}} -- {{v}}`, { v: value })).toBe(`SELECT "x--y", a\nb -- a b`);
		expect(fillSql(`SELECT 1 /* {{v}} */, {{v}}`, { v: value })).toBe('SELECT 1 /* a b */, a\nb');
	});

	it('quotes string literals', () => {
		expect(quoteLiteral(`it's`)).toBe(`'it''s'`);
	});
});
