import type { CheckId, CheckResult, ColumnCompleteness, SilverDatasetStats, SilverStats } from '../types';
import { COMPLETENESS_THRESHOLD_PCT } from './completeness';
import { checkStatus } from './check-status';

/** A sample offending row, as `samples.sql` returns it. */
export interface ViolationSample {
	check_id: CheckId;
	dataset: string;
	_source_file: string;
	_row_number: number;
	reason: string;
}

export interface CheckEvidence {
	silver: SilverStats;
	/** Check 5's unresolved references per dataset (orphans rejected; shipments flagged). */
	orphans: Map<string, number>;
	completeness: ColumnCompleteness[];
	samples: ViolationSample[];
}

/**
 * One dataset's part of a check: rows it examined, and violations held back (rejected) or kept (filled,
 * flagged); for check 7, the table's columns under the threshold (a measure: no row is held or kept).
 */
interface Tally {
	dataset: string;
	rows_checked: number;
	held: number;
	kept: number;
	columns_under?: number;
}

interface CheckDefinition {
	name: string;
	rule: string;
	action: string;
	tally: (evidence: CheckEvidence) => Tally[];
}

const SALES = ['pos_sales', 'web_orders'];
const TIMED = [...SALES, 'inventory', 'shipments', 'customers'];
const REFERENCING = [...SALES, 'inventory', 'shipments'];

const CHECKS: Record<CheckId, CheckDefinition> = {
	1: {
		name: 'No negative prices',
		rule: 'unit_price >= 0',
		action: 'quarantine row',
		tally: perDataset(SALES, (d) => ({
			rows_checked: d.bronze_rows - d.duplicates - quarantined(d, 2),
			held: quarantined(d, 1),
			kept: 0
		}))
	},
	2: {
		name: 'No future dates',
		rule: 'event time <= run reference time',
		action: 'reject row',
		tally: perDataset(TIMED, (d) => ({
			rows_checked: d.bronze_rows - d.duplicates,
			held: quarantined(d, 2),
			kept: 0
		}))
	},
	3: {
		name: 'No null customer ids',
		rule: 'customer_id not null and not blank',
		action: "fill 'UNKNOWN', count",
		tally: perDataset(SALES, (d) => ({
			rows_checked: d.silver_rows,
			held: 0,
			kept: d.unknown_customers_filled
		}))
	},
	4: {
		name: 'No duplicates',
		rule: 'identical business columns (a re-sent row); natural keys unique',
		action: 'keep first, drop rest',
		tally: (evidence) =>
			evidence.silver.datasets.map((d) => ({
				dataset: d.dataset,
				rows_checked: d.bronze_rows,
				held: d.duplicates,
				kept: 0
			}))
	},
	5: {
		name: 'Referential integrity',
		rule: 'product_id, store_id exist in their dimensions; shipment.order_id exists in web orders',
		action: 'reject orphan (sales, inventory), flag (shipments)',
		tally: (evidence) =>
			perDataset(REFERENCING, (d) => {
				const violations = evidence.orphans.get(d.dataset) ?? 0;
				const flagged = d.dataset === 'shipments';
				return {
					rows_checked: d.silver_rows,
					held: flagged ? 0 : violations,
					kept: flagged ? violations : 0
				};
			})(evidence)
	},
	6: {
		name: 'Quantity range',
		rule: '1 <= quantity <= 10000 (a return line: -10000…-1); spike: quantity > max(Q3 + 3·IQR, 50) per product',
		action: 'reject out of range; flag spikes (kept)',
		tally: perDataset(SALES, (d) => ({
			rows_checked: d.bronze_rows - d.duplicates - quarantined(d, 2) - quarantined(d, 1),
			held: quarantined(d, 6),
			kept: d.spikes_flagged
		}))
	},
	7: {
		name: 'Column completeness',
		rule: `% non-null per column >= ${COMPLETENESS_THRESHOLD_PCT}`,
		action: 'report metric',
		tally: ({ completeness }) => {
			const tables = new Map<string, Tally>();
			for (const column of completeness) {
				const dataset = `${column.layer}/${column.table}`;
				const tally = tables.get(dataset) ?? {
					dataset,
					rows_checked: column.rows,
					held: 0,
					kept: 0,
					columns_under: 0
				};
				if (!column.passed) tally.columns_under = (tally.columns_under ?? 0) + 1;
				tables.set(dataset, tally);
			}
			return [...tables.values()];
		}
	}
};

/**
 * The seven checks in the original report's shape, each with its status (`checkStatus`): PASSED when it
 * found nothing, HANDLED when it held back or fixed what it found, NEEDS_ATTENTION when that was more than
 * a dataset's threshold share, or a defect no check can fix (check 7's columns under the threshold).
 */
export function checkResults(evidence: CheckEvidence): CheckResult[] {
	return (Object.keys(CHECKS).map(Number) as CheckId[]).map((checkId) => {
		const { name, rule, action, tally } = CHECKS[checkId];
		const tallies = tally(evidence);
		const details = tallies.map((t) => detailsOf(t, checkId, evidence.samples));
		return {
			check_id: checkId,
			check_name: name,
			rule,
			datasets: tallies.map((t) => t.dataset),
			total_rows_checked: tallies.reduce((total, t) => total + t.rows_checked, 0),
			violations_found: details.reduce((total, d) => total + d.violations, 0),
			...checkStatus(checkId, details),
			action_on_failure: action,
			violation_details: details
		};
	});
}

function detailsOf(
	tally: Tally,
	checkId: CheckId,
	samples: ViolationSample[]
): CheckResult['violation_details'][number] {
	const sample = samples
		.filter((s) => s.check_id === checkId && s.dataset === tally.dataset)
		.map(({ _source_file, _row_number, reason }) => ({ _source_file, _row_number, reason }));
	return {
		dataset: tally.dataset,
		rows_checked: tally.rows_checked,
		violations: tally.held + tally.kept + (tally.columns_under ?? 0),
		held: tally.held,
		fixed: tally.kept,
		...(sample.length > 0 ? { sample } : {})
	};
}

function perDataset(
	datasets: string[],
	count: (stats: SilverDatasetStats) => Omit<Tally, 'dataset'>
): (evidence: CheckEvidence) => Tally[] {
	return ({ silver }) =>
		silver.datasets
			.filter((d) => datasets.includes(d.dataset))
			.map((d) => ({ dataset: d.dataset, ...count(d) }));
}

function quarantined(stats: SilverDatasetStats, checkId: CheckId): number {
	return stats.quarantined[checkId] ?? 0;
}
