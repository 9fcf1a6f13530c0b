import { describe, expect, it } from 'vitest';
import { checkResults, type CheckEvidence } from '$lib/pipeline/quality/check-results';
import { upgradeQualityReport } from '$lib/pipeline/quality/legacy-report';
import { qualitySummary } from '$lib/pipeline/quality/quality-summary';
import type { QualityReport, Reconciliation, SilverDatasetStats } from '$lib/pipeline/types';

/**
 * A hand-made run. POS: 1,010 raw rows, 10 rejected when read; of the 1,000 in Bronze, 5 duplicates, 3 future
 * dates, 2 negative prices and 4 quantities out of range held back, 986 in Silver, of which 6 had their
 * customer id filled, 3 are spikes and 2 are orphans. Shipments: 200 raw rows; 1 duplicate and 1 future date
 * held back, 198 in Silver, 4 of them flagged (order unknown).
 */
const POS: SilverDatasetStats = {
	dataset: 'pos_sales',
	bronze_rows: 1000,
	silver_rows: 986,
	quarantined: { 2: 3, 1: 2, 6: 4 },
	duplicates: 5,
	unknown_customers_filled: 6,
	spikes_flagged: 3
};
const SHIPMENTS: SilverDatasetStats = {
	dataset: 'shipments',
	bronze_rows: 200,
	silver_rows: 198,
	quarantined: { 2: 1 },
	duplicates: 1,
	unknown_customers_filled: 0,
	spikes_flagged: 0
};

const RECONCILIATION: Reconciliation = {
	rows: [
		{
			dataset: 'pos_sales',
			raw: 1010,
			bronze: 1000,
			rejects: 10,
			silver: 986,
			quarantined: 9,
			duplicates: 5,
			balanced: true
		},
		{
			dataset: 'shipments',
			raw: 200,
			bronze: 200,
			rejects: 0,
			silver: 198,
			quarantined: 1,
			duplicates: 1,
			balanced: true
		}
	],
	sales: {
		silver_rows: 986,
		gold_rows: 984,
		orphan_rows: 2,
		silver_amount: '0.00',
		gold_amount: '0.00',
		orphan_amount: '0.00',
		balanced: true
	}
};

function evidence(overrides: Partial<CheckEvidence> = {}): CheckEvidence {
	return {
		silver: { datasets: [POS, SHIPMENTS], tables: {}, net_amount: '0.00' },
		orphans: new Map([
			['pos_sales', 2],
			['shipments', 4]
		]),
		completeness: [
			{
				layer: 'silver',
				table: 'sales_lines',
				column: 'city',
				rows: 986,
				non_null: 986,
				pct: 100,
				passed: true
			}
		],
		samples: [],
		...overrides
	};
}

describe('qualitySummary', () => {
	const checks = checkResults(evidence());

	it('scores the share of incoming rows that reached Gold clean, with held-back and fixed rows beside it', () => {
		// Held back: 10 rejected + (9 + 1) quarantined + (5 + 1) duplicates + 2 orphans = 28.
		// Fixed: 6 filled + (4 shipments + 3 spikes) flagged = 13. Clean: 1,210 − 28 − 13 = 1,169.
		// 1,169 ÷ 1,210 = 96.611… %, rounded down to 96.6.
		expect(qualitySummary(checks, RECONCILIATION)).toEqual({
			total_checks: 7,
			passed: 1,
			handled: 5,
			needs_attention: 1,
			rows_incoming: 1210,
			rows_clean: 1169,
			rows_held_back: 28,
			held_back: { rejected: 10, quarantined: 10, duplicates: 6, orphans: 2 },
			rows_fixed: 13,
			fixed: { filled: 6, flagged: 7 },
			quality_score: 96.6
		});
	});

	it('says per check: passed, handled (held and fixed rows), or needs attention and why', () => {
		expect(
			checks.map((c) => [c.check_id, c.status, c.violation_details.map((d) => [d.held, d.fixed])])
		).toEqual([
			[1, 'HANDLED', [[2, 0]]],
			[
				2,
				'HANDLED',
				[
					[3, 0],
					[1, 0]
				]
			],
			[3, 'HANDLED', [[0, 6]]],
			[
				4,
				'HANDLED',
				[
					[5, 0],
					[1, 0]
				]
			],
			// 4 of the 198 shipments (2.02 %) point at unknown orders: above 1 %.
			[
				5,
				'NEEDS_ATTENTION',
				[
					[2, 0],
					[0, 4]
				]
			],
			[6, 'HANDLED', [[4, 3]]],
			[7, 'PASSED', [[0, 0]]]
		]);
		expect(checks[4].attention).toBe('More than 1 % of the rows had this defect: shipments 2.1 %.');
		expect(checks.filter((c) => c.attention).length).toBe(1);
	});

	it('reads 100 only when every row is clean, and never rounds a defect away', () => {
		const none = checkResults(
			evidence({
				silver: {
					datasets: [{ ...SHIPMENTS, silver_rows: 200, quarantined: {}, duplicates: 0 }],
					tables: {},
					net_amount: '0.00'
				},
				orphans: new Map()
			})
		);
		const clean: Reconciliation = {
			...RECONCILIATION,
			rows: [{ ...RECONCILIATION.rows[1], silver: 200, quarantined: 0, duplicates: 0 }]
		};
		expect(qualitySummary(none, clean).quality_score).toBe(100);
		// One duplicate in 200,000 rows: 99.9995 % clean, shown as 99.9, not 100.
		const one = checkResults(
			evidence({
				silver: {
					datasets: [
						{ ...SHIPMENTS, bronze_rows: 200_000, silver_rows: 199_999, quarantined: {}, duplicates: 1 }
					],
					tables: {},
					net_amount: '0.00'
				},
				orphans: new Map()
			})
		);
		const big: Reconciliation = {
			...RECONCILIATION,
			rows: [
				{
					...RECONCILIATION.rows[1],
					raw: 200_000,
					bronze: 200_000,
					silver: 199_999,
					quarantined: 0,
					duplicates: 1
				}
			]
		};
		expect(qualitySummary(one, big)).toMatchObject({ rows_clean: 199_999, quality_score: 99.9 });
	});

	it('needs attention above 1 % of a dataset, not at it', () => {
		const withDuplicates = (duplicates: number) =>
			checkResults(
				evidence({
					silver: {
						datasets: [
							{ ...SHIPMENTS, quarantined: {}, bronze_rows: 100, silver_rows: 100 - duplicates, duplicates }
						],
						tables: {},
						net_amount: '0.00'
					},
					orphans: new Map()
				})
			)[3];
		expect(withDuplicates(1).status).toBe('HANDLED');
		expect(withDuplicates(2)).toMatchObject({
			status: 'NEEDS_ATTENTION',
			attention: 'More than 1 % of the rows had this defect: shipments 2.0 %.'
		});
	});

	it('needs attention when a column is less complete than 95 % (no check can fill it)', () => {
		const check7 = checkResults(
			evidence({
				completeness: [
					{
						layer: 'gold',
						table: 'dim_customer',
						column: 'city',
						rows: 6,
						non_null: 5,
						pct: 83.33,
						passed: false
					},
					{
						layer: 'gold',
						table: 'dim_customer',
						column: 'state',
						rows: 6,
						non_null: 6,
						pct: 100,
						passed: true
					}
				]
			})
		)[6];
		expect(check7).toMatchObject({
			status: 'NEEDS_ATTENTION',
			violations_found: 1,
			attention: '1 column is less complete than the threshold (gold/dim_customer).'
		});
	});
});

describe('upgradeQualityReport', () => {
	it('gives a report written before the row score the same statuses and summary as a current one', () => {
		const checks = checkResults(evidence());
		const current: QualityReport = {
			run_id: 'run-1',
			generated_at: '2025-07-01T00:00:00.000Z',
			summary: qualitySummary(checks, RECONCILIATION),
			datasets_checked: ['pos_sales', 'shipments'],
			check_results: checks,
			completeness: [],
			reconciliation: RECONCILIATION
		};
		const legacyStatus = ['FAILED', 'FAILED', 'WARNING', 'FAILED', 'FAILED', 'FAILED', 'PASSED'];
		const legacy = {
			...current,
			summary: { total_checks: 7, passed: 1, failed: 5, warnings: 1, quality_score: 14 },
			check_results: checks.map(({ attention: _attention, ...c }, i) => ({
				...c,
				status: legacyStatus[i],
				violation_details: c.violation_details.map(({ held: _held, fixed: _fixed, ...d }) => d)
			}))
		} as unknown as QualityReport;
		expect(upgradeQualityReport(legacy)).toEqual(current);
		expect(upgradeQualityReport(current)).toBe(current);
	});
});
