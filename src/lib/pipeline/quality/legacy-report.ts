import type { CheckId, CheckResult, QualityReport } from '../types';
import { checkStatus } from './check-status';
import { qualitySummary } from './quality-summary';

/** A check's per-dataset counts as reports before the row score wrote them: no held / fixed split. */
type LegacyDetail = Omit<CheckResult['violation_details'][number], 'held' | 'fixed'> &
	Partial<Pick<CheckResult['violation_details'][number], 'held' | 'fixed'>>;

/**
 * A quality report as this version writes it. Reports written before the row score (statuses FAILED and
 * WARNING, a score of checks passed) get each dataset's held and fixed rows from what they recorded:
 * checks 1, 2 and 4 hold rows back, check 3 fixes them, check 5 flags shipments and holds the rest back,
 * check 6 holds back what the quarantine kept beyond checks 1 and 2 and flags the rest; then their
 * statuses and summary are worked out again. A current report is returned as it is.
 */
export function upgradeQualityReport(report: QualityReport): QualityReport {
	if (typeof report.summary?.rows_incoming === 'number') return report;
	const quarantined = new Map(report.reconciliation.rows.map((r) => [r.dataset, r.quarantined]));
	const violations = (checkId: CheckId, dataset: string) =>
		report.check_results
			.find((c) => c.check_id === checkId)
			?.violation_details.find((d) => d.dataset === dataset)?.violations ?? 0;
	const split = (checkId: CheckId, d: LegacyDetail): { held: number; fixed: number } => {
		switch (checkId) {
			case 3:
				return { held: 0, fixed: d.violations };
			case 5:
				return d.dataset === 'shipments'
					? { held: 0, fixed: d.violations }
					: { held: d.violations, fixed: 0 };
			case 6: {
				const rangeHeld =
					(quarantined.get(d.dataset) ?? 0) - violations(1, d.dataset) - violations(2, d.dataset);
				const held = Math.min(d.violations, Math.max(0, rangeHeld));
				return { held, fixed: d.violations - held };
			}
			case 7:
				return { held: 0, fixed: 0 };
			default:
				return { held: d.violations, fixed: 0 };
		}
	};
	const checks = report.check_results.map((check): CheckResult => {
		const details = (check.violation_details as LegacyDetail[]).map((d) => ({
			...d,
			...split(check.check_id, d)
		}));
		return { ...check, ...checkStatus(check.check_id, details), violation_details: details };
	});
	return { ...report, check_results: checks, summary: qualitySummary(checks, report.reconciliation) };
}
