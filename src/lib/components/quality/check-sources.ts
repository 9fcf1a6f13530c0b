import type { RowFilter } from '$lib/engine/engine-api';
import type { CheckId } from '$lib/pipeline/types';

/** Where a check's offending rows can be read back: a lake table and the filter that picks them. */
export interface RowSource {
	label: string;
	path: string;
	where: RowFilter[];
}

const QUARANTINE = 'silver/_quarantine.parquet';
const ORPHANS = 'gold/_orphans.parquet';
const SALES_LINES = 'silver/sales_lines.parquet';

function quarantined(check: CheckId, label: string): RowSource {
	return { label, path: QUARANTINE, where: [{ column: 'check_id', equals: check }] };
}

/**
 * The row sets that show a check's violations (docs/pipeline.md): quarantined and orphan rows are kept
 * whole; filled and flagged rows stay in Silver or Gold, marked. Duplicates are dropped and completeness
 * is a measure, so checks 4 and 7 have none (their report carries samples instead).
 */
export function checkSources(check: CheckId): RowSource[] {
	switch (check) {
		case 1:
			return [quarantined(1, 'Quarantined: negative unit price')];
		case 2:
			return [quarantined(2, 'Rejected: event time after the run')];
		case 3:
			return [
				{
					label: 'Sales lines whose customer id was filled with UNKNOWN',
					path: SALES_LINES,
					where: [{ column: 'customer_id', equals: 'UNKNOWN' }]
				}
			];
		case 5:
			return [
				{
					label: 'Orphan sales lines (unknown product or store)',
					path: ORPHANS,
					where: [{ column: 'check_id', equals: 5 }]
				},
				{
					label: 'Shipments flagged: order not among the web orders',
					path: 'gold/fact_shipments.parquet',
					where: [{ column: 'order_found', equals: false }]
				}
			];
		case 6:
			return [
				quarantined(6, 'Rejected: quantity outside 1 to 10,000'),
				{ label: 'Spikes (kept, flagged)', path: SALES_LINES, where: [{ column: 'is_spike', equals: true }] }
			];
		default:
			return [];
	}
}
