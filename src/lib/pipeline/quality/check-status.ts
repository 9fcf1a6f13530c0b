import type { CheckId, CheckResult, CheckStatus } from '../types';

/**
 * A check needs attention when, in any one dataset, the rows it held back or fixed are more than this
 * share of the rows it examined: a feed that sends 1 in 100 rows broken has a problem upstream, even when
 * every such row was handled. The generator's default (1 % of rows with one of ~10 defects) stays well
 * under it (docs/quality.md).
 */
export const ATTENTION_SHARE_PCT = 1;

type Details = Pick<
	CheckResult['violation_details'][number],
	'dataset' | 'rows_checked' | 'held' | 'fixed' | 'violations'
>[];

/**
 * A check's status from its per-dataset counts: PASSED when it found nothing; NEEDS_ATTENTION when check 7
 * found columns under its threshold (no check can fill them) or a dataset's held + fixed rows exceed
 * `ATTENTION_SHARE_PCT` of its rows; HANDLED otherwise. `attention` says why, naming the dataset.
 */
export function checkStatus(checkId: CheckId, details: Details): { status: CheckStatus; attention?: string } {
	if (checkId === 7) {
		const columns = details.reduce((total, d) => total + d.violations, 0);
		if (columns === 0) return { status: 'PASSED' };
		const tables = details.filter((d) => d.violations > 0).map((d) => d.dataset);
		return {
			status: 'NEEDS_ATTENTION',
			attention: `${columns} ${columns === 1 ? 'column is' : 'columns are'} less complete than the threshold (${tables.join(', ')}).`
		};
	}
	if (details.every((d) => d.held + d.fixed === 0)) return { status: 'PASSED' };
	const over = details
		.map((d) => ({
			dataset: d.dataset,
			pct: d.rows_checked > 0 ? ((d.held + d.fixed) / d.rows_checked) * 100 : 0
		}))
		.filter((d) => d.pct > ATTENTION_SHARE_PCT);
	if (over.length === 0) return { status: 'HANDLED' };
	const shares = over.map((d) => `${d.dataset} ${formatPct(d.pct)}`).join(', ');
	return {
		status: 'NEEDS_ATTENTION',
		attention: `More than ${ATTENTION_SHARE_PCT} % of the rows had this defect: ${shares}.`
	};
}

function formatPct(pct: number): string {
	return `${(Math.ceil(pct * 10) / 10).toFixed(1)} %`;
}
