import type { GoldStats, IngestResult, Reconciliation, SilverStats } from '../types';
import { decimalUnits } from './decimal-text';

/**
 * Rows per dataset across the layers and the sales lines' rows and Σ net_amount from Silver to Gold.
 * `ingestion` must cover every file whose rows are in Bronze (earlier runs' included); `skipped` entries
 * are left out, their file being counted by the run that ingested it.
 */
export function reconcile(ingestion: IngestResult[], silver: SilverStats, gold: GoldStats): Reconciliation {
	const counted = ingestion.filter((file) => file.status !== 'skipped');
	const datasets = [...new Set([...silver.datasets.map((d) => d.dataset), ...counted.map((f) => f.dataset)])];
	const rows = datasets.map((dataset) => {
		const files = counted.filter((file) => file.dataset === dataset);
		const stats = silver.datasets.find((d) => d.dataset === dataset);
		const raw = sum(files.map((file) => file.rows_raw));
		const rejects = sum(files.map((file) => file.rows_rejected));
		const bronze = stats?.bronze_rows ?? 0;
		const silverRows = stats?.silver_rows ?? 0;
		const quarantined = sum(Object.values(stats?.quarantined ?? {}));
		const duplicates = stats?.duplicates ?? 0;
		return {
			dataset,
			raw,
			bronze,
			rejects,
			silver: silverRows,
			quarantined,
			duplicates,
			balanced: raw === bronze + rejects && bronze === silverRows + quarantined + duplicates
		};
	});
	const silverRows = silver.tables.sales_lines ?? 0;
	const goldRows = gold.tables.fact_sales ?? 0;
	return {
		rows,
		sales: {
			silver_rows: silverRows,
			gold_rows: goldRows,
			orphan_rows: gold.orphan_sales,
			silver_amount: silver.net_amount,
			gold_amount: gold.net_amount,
			orphan_amount: gold.orphan_net_amount,
			balanced:
				silverRows === goldRows + gold.orphan_sales &&
				decimalUnits(silver.net_amount) ===
					decimalUnits(gold.net_amount) + decimalUnits(gold.orphan_net_amount)
		}
	};
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
