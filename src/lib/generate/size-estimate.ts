/**
 * Bytes a generation will add to the lake, before it runs, so the Lake page can warn when the browser's
 * quota cannot hold them. A straight line through two measured lakes (CLI generator and pipeline, seed 42,
 * the default range 2023-01-01 … 2025-12-31):
 *
 * | sales lines | raw        | whole lake after one pipeline run |
 * | ----------- | ---------- | --------------------------------- |
 * | 70,000      | 26.3 MB    | 32.9 MB                           |
 * | 1,000,000   | 249.5 MB   | 323.6 MB                          |
 *
 * Raw is ~240 bytes a sales line (the CSV and NDJSON rows of sales, orders and shipments) plus ~9.5 MB that
 * does not grow with lines (masters, inventory snapshots, ground truth); the pipeline's Parquet layers add
 * ~72 bytes a line plus ~1.5 MB. Other ranges and defect rates move the fixed part: an estimate, not a bound.
 */
const RAW_BYTES_PER_LINE = 240;
const RAW_FIXED_BYTES = 9_500_000;
const LAYER_BYTES_PER_LINE = 72;
const LAYER_FIXED_BYTES = 1_500_000;

export interface GenerationSizeEstimate {
	/** The raw files the generation writes. */
	raw: number;
	/** Raw plus the Bronze, Silver and Gold Parquet a pipeline run then writes. */
	withLayers: number;
}

export function estimateGenerationBytes(salesLines: number): GenerationSizeEstimate {
	const raw = RAW_FIXED_BYTES + RAW_BYTES_PER_LINE * salesLines;
	return { raw, withLayers: raw + LAYER_FIXED_BYTES + LAYER_BYTES_PER_LINE * salesLines };
}
