import { RAW_DATASETS } from '../../contracts/raw-contracts';
import type { SqlEngine, SqlValue } from '../../sql/sql-engine';
import type { CheckId, RawDataset, SilverDatasetStats, SilverStats } from '../types';
import gateCountsSql from './gate-counts.sql?raw';
import silverCountsSql from './silver-counts.sql?raw';
import silverTotalsSql from './silver-totals.sql?raw';

/** Reads the counts of a finished silver build, for the datasets whose bronze table exists. */
export async function readSilverStats(sql: SqlEngine, present: Set<RawDataset>): Promise<SilverStats> {
	const gates = byDataset((await sql.query(gateCountsSql)).rows);
	const silver = byDataset((await sql.query(silverCountsSql)).rows);
	const [totals] = (await sql.query(silverTotalsSql)).rows;
	const { net_amount, ...tables } = totals;
	return {
		datasets: RAW_DATASETS.filter((dataset) => present.has(dataset)).map((dataset) =>
			datasetStats(dataset, gates.get(dataset), silver.get(dataset))
		),
		tables: Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, Number(rows)])),
		net_amount: String(net_amount)
	};
}

type Row = Record<string, SqlValue>;

function byDataset(rows: Row[]): Map<string, Row> {
	return new Map(rows.map((row) => [String(row.dataset), row]));
}

function datasetStats(
	dataset: RawDataset,
	gates: Row | undefined,
	silver: Row | undefined
): SilverDatasetStats {
	const count = (row: Row | undefined, column: string) => Number(row?.[column] ?? 0);
	const quarantined: Partial<Record<CheckId, number>> = {};
	const byCheck: [CheckId, string][] = [
		[2, 'future_dates'],
		[1, 'negative_prices'],
		[6, 'quantities_out_of_range']
	];
	for (const [checkId, column] of byCheck) {
		if (count(gates, column) > 0) quarantined[checkId] = count(gates, column);
	}
	return {
		dataset,
		bronze_rows: count(gates, 'bronze_rows'),
		silver_rows: count(silver, 'silver_rows'),
		quarantined,
		duplicates: count(gates, 'duplicates'),
		unknown_customers_filled: count(silver, 'unknown_customers'),
		spikes_flagged: count(silver, 'spikes')
	};
}
