/**
 * The pipeline's shared vocabulary: what each step returns, what a run records, and what the pages
 * read. docs/pipeline.md is the prose contract; these are its types.
 */
import type { RawDataset } from '$lib/contracts/raw-contracts';

export type { RawDataset };

/** A raw file the pipeline can ingest: `raw/<dataset>/<batch_id>.<csv|ndjson|json|parquet>`. */
export interface RawFileRef {
	path: string;
	dataset: RawDataset;
	batchId: string;
	format: 'csv' | 'ndjson' | 'json' | 'parquet';
	/** The file's size and modification time (epoch ms) as listed. */
	size: number;
	modified: number;
}

/** One raw file's ingestion into Bronze (also the ingestion log's row). */
export interface IngestResult {
	path: string;
	dataset: RawDataset;
	batch_id: string;
	sha256: string;
	/** Data rows in the raw file (CSV lines after the header; NDJSON lines; JSON array items). */
	rows_raw: number;
	rows_bronze: number;
	rows_rejected: number;
	/**
	 * `rejected`: the whole file (e.g. a required column is missing; an empty or binary file);
	 * `skipped`: ingested before and unchanged; `duplicate`: the same bytes as another raw file of its
	 * dataset, skipped; `removed`: deleted from Raw since the last run, its rows taken out of every layer.
	 */
	status: 'ingested' | 'rejected' | 'skipped' | 'duplicate' | 'removed';
	message?: string;
	duration_ms: number;
}

/** Which of the seven checks (docs/quality.md). */
export type CheckId = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Bronze → Silver counts for one dataset. Invariant: bronze_rows = silver_rows + quarantined + duplicates. */
export interface SilverDatasetStats {
	dataset: RawDataset;
	bronze_rows: number;
	silver_rows: number;
	/** Rows held back in `silver_quarantine`, by check (2: future date, 1: negative price, 6: quantity range). */
	quarantined: Partial<Record<CheckId, number>>;
	/** Check 4: rows dropped as duplicates. */
	duplicates: number;
	/** Check 3: customer ids filled with `UNKNOWN`. */
	unknown_customers_filled: number;
	/** Check 6: rows kept but flagged `is_spike`. */
	spikes_flagged: number;
}

export interface SilverStats {
	datasets: SilverDatasetStats[];
	/** Rows per silver table, e.g. `{ sales_lines: 999000, … }`. */
	tables: Record<string, number>;
	/** Σ net_amount over `silver_sales_lines`, as a decimal string (exact). */
	net_amount: string;
}

export interface GoldStats {
	/** Rows per gold table, e.g. `{ fact_sales: 998000, dim_customer: 16000, … }`. */
	tables: Record<string, number>;
	/** Check 5: sales lines rejected as orphans (unknown product or store). */
	orphan_sales: number;
	/** Check 5: shipments flagged because their order is not among the web orders. */
	orphan_shipments: number;
	/** Σ net_amount over `gold_fact_sales`, as a decimal string (exact). */
	net_amount: string;
	/** Σ net_amount over `gold_orphans`, as a decimal string (exact). */
	orphan_net_amount: string;
}

/** A check's result in the original report's shape (docs/quality.md). */
export interface CheckResult {
	check_id: CheckId;
	check_name: string;
	rule: string;
	datasets: string[];
	total_rows_checked: number;
	violations_found: number;
	status: CheckStatus;
	/** Why a check needs attention, in a sentence; absent otherwise. */
	attention?: string;
	action_on_failure: string;
	/**
	 * Per dataset: violations (= held + fixed, except for check 7, whose violations are columns under the
	 * threshold) and a sample of offending rows' lineage.
	 */
	violation_details: {
		dataset: string;
		rows_checked: number;
		violations: number;
		/** Rows the check kept out of Gold (quarantined, rejected, dropped as duplicates, orphans). */
		held: number;
		/** Rows the check repaired or flagged and let through (filled ids, spikes, shipments of unknown orders). */
		fixed: number;
		sample?: { _source_file: string; _row_number: number; reason: string }[];
	}[];
}

/**
 * A check's outcome (docs/quality.md): PASSED when it found nothing; HANDLED when it found rows and did
 * what its action says with them, each dataset's share under the threshold; NEEDS_ATTENTION when it found
 * what it cannot handle (check 7's columns under 95 %) or a dataset's share of defects above the threshold.
 */
export type CheckStatus = 'PASSED' | 'HANDLED' | 'NEEDS_ATTENTION';

/** Where the rows of a run went: the quality score's parts (docs/quality.md, "The score"). */
export interface QualitySummary {
	total_checks: number;
	passed: number;
	handled: number;
	needs_attention: number;
	/** Rows in the raw files whose rows are in Bronze (all datasets). */
	rows_incoming: number;
	/** rows_incoming − rows_held_back − rows_fixed (at least 0). */
	rows_clean: number;
	/** rejected + quarantined + duplicates + orphans. */
	rows_held_back: number;
	held_back: { rejected: number; quarantined: number; duplicates: number; orphans: number };
	/** filled + flagged. */
	rows_fixed: number;
	fixed: { filled: number; flagged: number };
	/** rows_clean ÷ rows_incoming × 100, rounded down to one decimal (100 only when every row is clean). */
	quality_score: number;
}

export interface ColumnCompleteness {
	layer: 'bronze' | 'silver' | 'gold';
	table: string;
	column: string;
	rows: number;
	non_null: number;
	/** non_null ÷ rows × 100, two decimals. */
	pct: number;
	/** pct ≥ 95. */
	passed: boolean;
}

export interface Reconciliation {
	/** Per dataset: raw = bronze + rejects; bronze = silver + quarantine + duplicates. */
	rows: {
		dataset: string;
		raw: number;
		bronze: number;
		rejects: number;
		silver: number;
		quarantined: number;
		duplicates: number;
		balanced: boolean;
	}[];
	/** Sales lines: silver = gold facts + orphans, in rows and Σ net_amount. */
	sales: {
		silver_rows: number;
		gold_rows: number;
		orphan_rows: number;
		silver_amount: string;
		gold_amount: string;
		orphan_amount: string;
		balanced: boolean;
	};
}

export interface QualityReport {
	run_id: string;
	generated_at: string;
	summary: QualitySummary;
	datasets_checked: string[];
	check_results: CheckResult[];
	completeness: ColumnCompleteness[];
	reconciliation: Reconciliation;
}

export type PipelineStepName = 'prepare' | 'ingest' | 'silver' | 'gold' | 'quality' | 'publish';

export interface StepLog {
	step: PipelineStepName;
	/** For ingest: the file; otherwise absent. */
	detail?: string;
	rows_in: number;
	rows_out: number;
	rows_rejected: number;
	duration_ms: number;
	error?: string;
}

/**
 * `publishing`: its outputs are written and its manifest is being committed (a log left so by a crash is
 * settled by the next cleanup); `succeeded_with_warnings`: published, but `warnings` lists raw files that
 * did not make it into the lake (or mostly not).
 */
export type RunStatus =
	'running' | 'publishing' | 'succeeded' | 'succeeded_with_warnings' | 'failed' | 'cancelled';

export interface RunLog {
	run_id: string;
	started_at: string;
	finished_at: string | null;
	status: RunStatus;
	steps: StepLog[];
	ingestion: IngestResult[];
	/** Raw files that did not make it into the lake, or mostly not (absent in logs of earlier builds). */
	warnings?: RunWarning[];
	quality: QualityReport | null;
	error?: string;
}

/** A raw file rejected whole, or with most of its rows rejected: why, in a sentence. */
export interface RunWarning {
	path: string;
	message: string;
}

/** Progress a run reports to the page while it works. */
export interface PipelineProgress {
	run_id: string;
	step: PipelineStepName;
	/** e.g. the raw file being ingested. */
	detail?: string;
	/** Rows handled so far in this step. */
	rows: number;
	elapsed_ms: number;
	/** Steps finished so far, for a progress bar. */
	steps_done: number;
	steps_total: number;
}

export interface ManifestTable {
	/** The file that holds the table in this version: `<key>/<run_id>.parquet`, written once, never changed. */
	path: string;
	rows: number;
	bytes: number;
	/** SHA-256 of the file's bytes, checked whenever the file is read. */
	sha256: string;
}

/** A file a version publishes beside its tables (its published figures): written once, never changed. */
export type ManifestFile = Omit<ManifestTable, 'rows'>;

/** What a version records about one raw file. */
export interface RecordedRawFile extends IngestResult {
	/** The run that read the file (or found it a duplicate) as it is now. */
	run_id: string;
	/**
	 * The file's size and modification time when it was hashed: a file listed with both unchanged is
	 * taken to hold the bytes `sha256` names without being read again (absent in older manifests).
	 */
	size?: number;
	modified?: number;
}

/** The version a manifest replaced, kept (with its files) for rollback and for readers still on it. */
export interface PreviousVersion {
	sequence: number;
	run_id: string;
}

/**
 * `_manifest.json`: the lake's current version and the only commit point (docs/pipeline.md, "Versions").
 * Readers resolve every table through the manifest they started with.
 */
export interface LakeManifest {
	version: 2;
	/** 1 for the lake's first version, one more with every commit (a rollback too). */
	sequence: number;
	/** The run whose outputs this version publishes (a rollback keeps the restored version's). */
	run_id: string;
	published_at: string;
	previous: PreviousVersion | null;
	/** Keyed by `<layer>/<table>`, e.g. `gold/fact_sales`; Bronze per batch, `bronze/<dataset>/<batch_id>`. */
	tables: Record<string, ManifestTable>;
	/** Every raw file present when the version was made, once, in path order, with what became of it. */
	ingested: RecordedRawFile[];
	/**
	 * The dashboards' default figures computed on this version's Gold (`gold/_figures/<run_id>.json`), for
	 * pages to show before the engine has started; absent in versions of earlier builds.
	 */
	figures?: ManifestFile;
	/** SHA-256 of the manifest's JSON without this field: a damaged manifest is never trusted. */
	checksum: string;
}
