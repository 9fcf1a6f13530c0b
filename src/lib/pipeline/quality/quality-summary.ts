import type { CheckId, CheckResult, QualitySummary, Reconciliation } from '../types';

/**
 * The report's headline (docs/quality.md, "The score"): of the rows that came in (every raw row whose file
 * is in Bronze), those held back (rejected when read, quarantined, dropped as duplicates, orphans), those
 * fixed and let through (customer ids filled, spikes and shipments of unknown orders flagged), and the rest,
 * clean. The score is the clean share, rounded down to one decimal, so it reads 100 only when every row
 * is clean. A row with two handled defects counts under each (the generator gives a row one defect).
 */
export function qualitySummary(checks: CheckResult[], reconciliation: Reconciliation): QualitySummary {
	const sum = (pick: (row: Reconciliation['rows'][number]) => number) =>
		reconciliation.rows.reduce((total, row) => total + pick(row), 0);
	const counted = (checkId: CheckId, pick: 'held' | 'fixed') =>
		(checks.find((c) => c.check_id === checkId)?.violation_details ?? []).reduce(
			(total, d) => total + d[pick],
			0
		);
	const held_back = {
		rejected: sum((r) => r.rejects),
		quarantined: sum((r) => r.quarantined),
		duplicates: sum((r) => r.duplicates),
		orphans: counted(5, 'held')
	};
	const fixed = { filled: counted(3, 'fixed'), flagged: counted(5, 'fixed') + counted(6, 'fixed') };
	const rows_incoming = sum((r) => r.raw);
	const rows_held_back =
		held_back.rejected + held_back.quarantined + held_back.duplicates + held_back.orphans;
	const rows_fixed = fixed.filled + fixed.flagged;
	const rows_clean = Math.max(0, rows_incoming - rows_held_back - rows_fixed);
	const count = (status: CheckResult['status']) => checks.filter((c) => c.status === status).length;
	return {
		total_checks: checks.length,
		passed: count('PASSED'),
		handled: count('HANDLED'),
		needs_attention: count('NEEDS_ATTENTION'),
		rows_incoming,
		rows_clean,
		rows_held_back,
		held_back,
		rows_fixed,
		fixed,
		quality_score: rows_incoming === 0 ? 100 : Math.floor((rows_clean / rows_incoming) * 1000) / 10
	};
}
