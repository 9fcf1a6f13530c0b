import { describe, expect, it } from 'vitest';
import {
	dashboardFilters,
	dateConditions,
	FilterError,
	kpiFilters,
	previousPeriod,
	salesConditions,
	validateFilters,
	type KpiFilters
} from '../../../src/lib/analytics/filters';
import { filtersToParams, parseFilters } from '../../../src/lib/filters/url-filters';
import { quoteLiteral } from '../../../src/lib/sql/sql-text';
import { fillSql } from '../../../src/lib/sql/sql-template';

describe('KPI filters', () => {
	it('accepts real days and the two channels, rejects anything else', () => {
		const valid: KpiFilters = { from: '2024-02-29', to: '2024-03-01', channel: 'web' };
		expect(validateFilters(valid)).toEqual({ from: '2024-02-29', to: '2024-03-01', channel: 'web' });
		expect(() => validateFilters({ from: '2023-02-29' })).toThrow(FilterError);
		expect(() => validateFilters({ to: '2024-1-5' })).toThrow(/YYYY-MM-DD/);
		expect(() => validateFilters({ from: '2024-03-02', to: '2024-03-01' })).toThrow(/after/);
		expect(() => validateFilters({ channel: 'shop' } as unknown as KpiFilters)).toThrow(/pos or web/);
	});

	it('renders no filter as TRUE and dates as yyyymmdd date_key bounds', () => {
		expect(salesConditions({}, 'f')).toBe('TRUE');
		expect(salesConditions({ spikes: 'exclude' }, 'f')).toBe('NOT f.is_spike');
		expect(() => validateFilters({ spikes: 'keep' as 'exclude' })).toThrow(FilterError);
		expect(dateConditions({ from: '2024-01-02', to: '2024-01-09', city: 'X' }, 'd')).toBe(
			'd.date_key >= 20240102 AND d.date_key <= 20240109'
		);
	});

	it('leaves the flagged spikes out of the pages’ figures unless the URL keeps them', () => {
		expect(kpiFilters({})).toEqual({ spikes: 'exclude' });
		expect(kpiFilters({ city: 'Pune', spikes: 'include' })).toEqual({ city: 'Pune' });
		expect(dashboardFilters({ spikes: 'exclude', channel: 'pos' })).toEqual({ channel: 'pos' });
		expect(dashboardFilters({})).toEqual({ spikes: 'include' });
		expect(parseFilters(new URLSearchParams('spikes=include'))).toEqual({ spikes: 'include' });
		expect(parseFilters(new URLSearchParams('spikes=exclude'))).toEqual({});
		expect(filtersToParams({ spikes: 'include' }).toString()).toBe('spikes=include');
	});

	it('renders every value as an escaped literal, category through dim_product', () => {
		expect(quoteLiteral(`O'Brien`)).toBe(`'O''Brien'`);
		expect(salesConditions({ city: `x' OR '1'='1`, channel: 'pos', category: `Kids'` }, 'f')).toBe(
			`f.city = 'x'' OR ''1''=''1' AND f.channel = 'pos' AND ` +
				`f.product_sk IN (SELECT product_sk FROM gold_dim_product WHERE category = 'Kids''')`
		);
	});

	it('gives the period of equal length just before, across month and leap days', () => {
		expect(previousPeriod({ from: '2024-03-01', to: '2024-03-31', city: 'Pune' })).toEqual({
			from: '2024-01-30',
			to: '2024-02-29',
			city: 'Pune'
		});
		expect(previousPeriod({ from: '2024-01-06', to: '2024-01-06' })).toEqual({
			from: '2024-01-05',
			to: '2024-01-05'
		});
		expect(previousPeriod({ from: '2024-01-06' })).toBeUndefined();
	});

	it('fills every placeholder of a query and refuses a missing one', () => {
		expect(fillSql('SELECT 1 WHERE {{a}} AND {{a}}', { a: 'TRUE' })).toBe('SELECT 1 WHERE TRUE AND TRUE');
		expect(() => fillSql('WHERE {{b}}', {})).toThrow(/\{\{b\}\}/);
	});
});
