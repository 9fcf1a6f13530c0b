/** Where a run's outputs and records live in the lake (docs/pipeline.md). */

/** The commit point: the lake's current version. */
export const MANIFEST_PATH = '_manifest.json';
/** Every committed manifest, `_manifests/<sequence>.json`: the current one and those kept for rollback. */
export const MANIFESTS_FOLDER = '_manifests';
export const RUNS_FOLDER = '_runs';
/** Where builds before versioned files staged a run; whatever is left there is removed. */
export const LEGACY_STAGING_FOLDER = '_staging';
/** The layers whose files the pipeline writes and removes; nothing else in the lake is its to delete. */
export const PIPELINE_LAYERS = ['bronze', 'silver', 'gold'] as const;

export function manifestHistoryPath(sequence: number): string {
	return `${MANIFESTS_FOLDER}/${String(sequence).padStart(10, '0')}.json`;
}

export function runLogPath(runId: string): string {
	return `${RUNS_FOLDER}/${runId}.json`;
}

export function qualityReportPath(runId: string): string {
	return `analytics/quality/${runId}.json`;
}

/** The dashboards' default figures a run publishes with its Gold (see `LakeManifest.figures`). */
export function figuresPath(runId: string): string {
	return `gold/_figures/${runId}.json`;
}

/** The manifest key of a Bronze batch: `bronze/<dataset>/<batch_id>`. */
export function bronzeBatchKey(dataset: string, batchId: string): string {
	return `bronze/${dataset}/${batchId}`;
}

/** The manifest key of a Bronze batch's rejected rows: `bronze/_rejects/<dataset>/<batch_id>`. */
export function bronzeRejectsKey(dataset: string, batchId: string): string {
	return `bronze/_rejects/${dataset}/${batchId}`;
}

/** `silver/<table>`; tables of held-back rows (quarantine, orphans) are `_`-prefixed. */
export function layerTableKey(layer: 'silver' | 'gold', table: string, isEvidence = false): string {
	return `${layer}/${isEvidence ? '_' : ''}${table}`;
}

/**
 * The file a run writes for a table: `<key>/<run_id>.parquet`. No other run uses the name, so a file is
 * written once and never replaced; only the manifest says which one is current.
 */
export function versionedPath(key: string, runId: string): string {
	return `${key}/${runId}.parquet`;
}

/** The name a published table goes by outside the lake (downloads, the lake listing): `<key>.parquet`. */
export function friendlyPath(key: string): string {
	return `${key}.parquet`;
}

/** The manifest key a friendly path names (`gold/fact_sales.parquet` → `gold/fact_sales`), or null. */
export function keyOfFriendlyPath(path: string): string | null {
	return path.endsWith('.parquet') ? path.slice(0, -'.parquet'.length) : null;
}

/** Whether a lake path lies in a layer the pipeline owns. */
export function isPipelineLayerPath(path: string): boolean {
	return PIPELINE_LAYERS.some((layer) => path.startsWith(`${layer}/`));
}
