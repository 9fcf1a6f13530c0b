import { describe, expect, it } from 'vitest';
import { checkResults, type CheckEvidence } from '$lib/pipeline/quality/check-results';
import type { SilverDatasetStats } from '$lib/pipeline/types';

const clean = (dataset: string, rows: number): SilverDatasetStats => ({
	dataset: dataset as SilverDatasetStats['dataset'],
	bronze_rows: rows,
	silver_rows: rows,
	quarantined: {},
	duplicates: 0,
	unknown_customers_filled: 0,
	spikes_flagged: 0
});

function evidence(overrides: Partial<CheckEvidence> = {}): CheckEvidence {
	return {
		silver: {
			datasets: [clean('pos_sales', 10), clean('shipments', 4)],
			tables: {},
			net_amount: '0.00'
		},
		orphans: new Map(),
		completeness: [
			{
				layer: 'silver',
				table: 'sales_lines',
				column: 'city',
				rows: 10,
				non_null: 10,
				pct: 100,
				passed: true
			}
		],
		samples: [],
		...overrides
	};
}

describe('checkResults', () => {
	it('passes every check when nothing was found', () => {
		const results = checkResults(evidence());
		expect(results.map((r) => [r.check_id, r.status, r.violations_found, r.datasets])).toEqual([
			[1, 'PASSED', 0, ['pos_sales']],
			[2, 'PASSED', 0, ['pos_sales', 'shipments']],
			[3, 'PASSED', 0, ['pos_sales']],
			[4, 'PASSED', 0, ['pos_sales', 'shipments']],
			[5, 'PASSED', 0, ['pos_sales', 'shipments']],
			[6, 'PASSED', 0, ['pos_sales']],
			[7, 'PASSED', 0, ['silver/sales_lines']]
		]);
	});

	it('says a check handled what it kept (flagged shipments, spikes) or held back, and needs attention above 1 %', () => {
		const flagged = checkResults(
			evidence({
				silver: {
					datasets: [{ ...clean('pos_sales', 10), spikes_flagged: 2 }, clean('shipments', 4)],
					tables: {},
					net_amount: '0.00'
				},
				orphans: new Map([['shipments', 1]])
			})
		);
		// 1 of 4 shipments and 2 of 10 sales lines: both far above 1 % of their dataset.
		expect([flagged[4].status, flagged[4].violations_found]).toEqual(['NEEDS_ATTENTION', 1]);
		expect(flagged[4].violation_details.map((d) => [d.dataset, d.held, d.fixed])).toEqual([
			['pos_sales', 0, 0],
			['shipments', 0, 1]
		]);
		expect([flagged[5].status, flagged[5].violations_found]).toEqual(['NEEDS_ATTENTION', 2]);
		expect(flagged[5].violation_details.map((d) => [d.held, d.fixed])).toEqual([[0, 2]]);
		const rejected = checkResults(
			evidence({
				orphans: new Map([
					['pos_sales', 1],
					['shipments', 1]
				])
			})
		);
		expect([rejected[4].status, rejected[4].violations_found]).toEqual(['NEEDS_ATTENTION', 2]);
		expect(rejected[4].violation_details.map((d) => [d.dataset, d.held, d.fixed])).toEqual([
			['pos_sales', 1, 0],
			['shipments', 0, 1]
		]);
	});
});
