/** Where a run's outputs and records live in the lake (docs/pipeline.md). */

export const MANIFEST_PATH = '_manifest.json';
export const RUNS_FOLDER = '_runs';
export const STAGING_FOLDER = '_staging';
/** The list of moves that makes a staged run public; its presence means the run is committed. */
export const JOURNAL_NAME = '_publish.json';

export function stagingFolder(runId: string): string {
	return `${STAGING_FOLDER}/${runId}`;
}

export function journalPath(runId: string): string {
	return `${stagingFolder(runId)}/${JOURNAL_NAME}`;
}

export function runLogPath(runId: string): string {
	return `${RUNS_FOLDER}/${runId}.json`;
}

export function qualityReportPath(runId: string): string {
	return `analytics/quality/${runId}.json`;
}

export function bronzeBatchPath(dataset: string, batchId: string): string {
	return `bronze/${dataset}/${batchId}.parquet`;
}

export function bronzeRejectsPath(dataset: string, batchId: string): string {
	return `bronze/_rejects/${dataset}/${batchId}.parquet`;
}

/** `silver/<table>.parquet`; tables of held-back rows (quarantine, orphans) are `_`-prefixed. */
export function layerTablePath(layer: 'silver' | 'gold', table: string, isEvidence = false): string {
	return `${layer}/${isEvidence ? '_' : ''}${table}.parquet`;
}

/** The manifest's key for a published Parquet file: its path without the extension (`gold/fact_sales`). */
export function manifestKey(path: string): string {
	return path.replace(/\.parquet$/, '');
}
