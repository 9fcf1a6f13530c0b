import { describe, expect, it } from 'vitest';
import { decimalUnits } from '$lib/pipeline/quality/decimal-text';
import { reconcile } from '$lib/pipeline/quality/reconciliation';
import type { GoldStats, IngestResult, SilverStats } from '$lib/pipeline/types';

const silver: SilverStats = {
	datasets: [
		{
			dataset: 'pos_sales',
			bronze_rows: 9,
			silver_rows: 6,
			quarantined: { 2: 1, 6: 1 },
			duplicates: 1,
			unknown_customers_filled: 0,
			spikes_flagged: 0
		}
	],
	tables: { sales_lines: 6 },
	net_amount: '100.10'
};
const gold: GoldStats = {
	tables: { fact_sales: 5 },
	orphan_sales: 1,
	orphan_shipments: 0,
	net_amount: '99.99',
	orphan_net_amount: '0.11'
};
const file = (
	rows_raw: number,
	rows_rejected: number,
	status: IngestResult['status'] = 'ingested'
): IngestResult => ({
	path: 'raw/pos_sales/b1.csv',
	dataset: 'pos_sales',
	batch_id: 'b1',
	sha256: 'x',
	rows_raw,
	rows_bronze: rows_raw - rows_rejected,
	rows_rejected,
	status,
	duration_ms: 1
});

describe('reconcile', () => {
	it('balances raw = bronze + rejects and bronze = silver + quarantine + duplicates, ignoring skipped files', () => {
		const { rows, sales } = reconcile([file(10, 1), file(10, 1, 'skipped')], silver, gold);
		expect(rows).toEqual([
			{
				dataset: 'pos_sales',
				raw: 10,
				bronze: 9,
				rejects: 1,
				silver: 6,
				quarantined: 2,
				duplicates: 1,
				balanced: true
			}
		]);
		expect(sales.balanced).toBe(true);
	});

	it('reports a gap in rows or in cents', () => {
		expect(reconcile([file(11, 1)], silver, gold).rows[0].balanced).toBe(false);
		expect(reconcile([], silver, { ...gold, orphan_net_amount: '0.10' }).sales.balanced).toBe(false);
	});

	it('reads decimal text exactly', () => {
		expect(decimalUnits('3692350600.15')).toBe(369235060015n);
		expect(decimalUnits('-0.5')).toBe(-50n);
		expect(decimalUnits('7')).toBe(700n);
		expect(() => decimalUnits('1.234')).toThrow();
	});
});
