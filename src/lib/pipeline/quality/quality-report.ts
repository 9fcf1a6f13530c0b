import type { SqlEngine } from '../../sql/sql-engine';
import type { CheckId, GoldStats, IngestResult, QualityReport, SilverStats } from '../types';
import check5CountsSql from './check5-counts.sql?raw';
import { checkResults, type ViolationSample } from './check-results';
import { measureCompleteness } from './completeness';
import { qualitySummary } from './quality-summary';
import { reconcile } from './reconciliation';
import samplesSql from './samples.sql?raw';

export interface QualityReportInput {
	runId: string;
	generatedAt: string;
	/** Every file whose rows are in Bronze, earlier runs' included (see `reconcile`). */
	ingestion: IngestResult[];
	silver: SilverStats;
	gold: GoldStats;
}

/**
 * The run's quality report (docs/quality.md): the seven checks with per-dataset counts and sample lineage,
 * completeness per column and layer, and the reconciliation of rows and amounts across the layers. Reads
 * the silver and gold tables of the run, so it runs after `buildGold`.
 */
export async function buildQualityReport(sql: SqlEngine, input: QualityReportInput): Promise<QualityReport> {
	const orphans = new Map(
		(await sql.query(check5CountsSql)).rows.map((row) => [String(row.dataset), Number(row.violations)])
	);
	const samples = (await sql.query(samplesSql)).rows.map((row): ViolationSample => ({
		check_id: Number(row.check_id) as CheckId,
		dataset: String(row.dataset),
		_source_file: String(row._source_file),
		_row_number: Number(row._row_number),
		reason: String(row.reason)
	}));
	const completeness = await measureCompleteness(sql);
	const results = checkResults({ silver: input.silver, orphans, completeness, samples });
	const reconciliation = reconcile(input.ingestion, input.silver, input.gold);
	return {
		run_id: input.runId,
		generated_at: input.generatedAt,
		summary: qualitySummary(results, reconciliation),
		datasets_checked: input.silver.datasets.map((d) => d.dataset),
		check_results: results,
		completeness,
		reconciliation
	};
}
