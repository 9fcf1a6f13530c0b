import type { CheckResult, QualitySummary } from '../pipeline/types';
import { formatInt } from './number';

/** A check's outcome in words: "passed", "handled 61 rows" (or columns, for check 7), "needs attention". */
export function checkStatusLabel(check: Pick<CheckResult, 'status' | 'violations_found'>): string {
	if (check.status === 'PASSED') return 'passed';
	if (check.status === 'NEEDS_ATTENTION') return 'needs attention';
	return `handled ${formatInt(check.violations_found)} ${check.violations_found === 1 ? 'row' : 'rows'}`;
}

/** The score as it is shown: one decimal, "99.3 %". */
export function formatScore(score: number): string {
	return `${score.toFixed(1)} %`;
}

/** Where the rows went, as three phrases: the clean share, the rows held back, the rows fixed. */
export function qualityParts(summary: QualitySummary): { clean: string; heldBack: string; fixed: string } {
	const { held_back, fixed } = summary;
	return {
		clean: `${formatScore(summary.quality_score)} of ${formatInt(summary.rows_incoming)} incoming rows reached Gold clean`,
		heldBack:
			`${formatInt(summary.rows_held_back)} held back (${formatInt(held_back.rejected)} rejected when read, ` +
			`${formatInt(held_back.quarantined)} quarantined, ${formatInt(held_back.duplicates)} duplicates dropped, ` +
			`${formatInt(held_back.orphans)} orphans)`,
		fixed: `${formatInt(summary.rows_fixed)} fixed (${formatInt(fixed.filled)} customer ids filled, ${formatInt(fixed.flagged)} flagged)`
	};
}
