import { MOSTLY_REJECTED } from '../ingest/ingest-file';
import type { IngestResult, RawFileRef, RecordedRawFile, RunWarning } from '../types';

/** A raw file as it is in the lake now: where, and the SHA-256 of its bytes. */
export type RawFileVersion = RawFileRef & { sha256: string };

export type { RecordedRawFile };

/** Why a present raw file is not read this run. */
export interface SkippedRawFile {
	file: RawFileVersion;
	/** `skipped`: ingested before, unchanged; `rejected`: rejected before, unchanged; `duplicate`: same bytes as `of`. */
	status: 'skipped' | 'rejected' | 'duplicate';
	/** The recorded entry, for `skipped` and `rejected`. */
	recorded?: RecordedRawFile;
	/** The file whose bytes a `duplicate` repeats, or that already holds a clashing batch id. */
	of?: string;
}

/** One run's work on Raw, worked out from the files present and what the last version recorded. */
export interface RawPlan {
	/** New files and changed ones, to ingest, in path order. */
	ingest: RawFileVersion[];
	/** Recorded files whose rows must leave every layer: deleted, changed, or now a duplicate. */
	remove: RecordedRawFile[];
	/** Present files not read this run. */
	skip: SkippedRawFile[];
	/** Present files that clash with another's batch id (same name, another format). */
	clashes: SkippedRawFile[];
}

/**
 * Raw files as versions (docs/pipeline.md, "Raw files as versions"): a file is known by its path and the
 * SHA-256 of its bytes. Unchanged files are skipped (a file rejected before stays rejected until its bytes
 * change); a changed file replaces its earlier rows; a deleted file's rows go; a file with the same bytes
 * as another file of its dataset is a duplicate batch and skipped, the file already ingested (else the
 * first by path) being the one kept. So what the lake holds after a run depends only on the files present.
 */
export function planRawFiles(present: RawFileVersion[], recorded: RecordedRawFile[]): RawPlan {
	const byPath = new Map(recorded.map((entry) => [entry.path, entry]));
	const unchanged = (file: RawFileVersion) => byPath.get(file.path)?.sha256 === file.sha256;
	const wasIngested = (file: RawFileVersion) =>
		unchanged(file) && byPath.get(file.path)?.status === 'ingested';

	// Per dataset and content, the file that stands for it: one ingested before, else the first by path.
	const keeper = new Map<string, RawFileVersion>();
	const sorted = [...present].sort((a, b) => compare(a.path, b.path));
	for (const file of [...sorted.filter(wasIngested), ...sorted]) {
		const content = `${file.dataset} ${file.sha256}`;
		if (!keeper.has(content)) keeper.set(content, file);
	}

	const plan: RawPlan = { ingest: [], remove: [], skip: [], clashes: [] };
	// A batch id (the file name without its extension) names one file per dataset: the one ingested before keeps it.
	const batches = new Map(
		sorted.filter(wasIngested).map((file) => [`${file.dataset}/${file.batchId}`, file.path])
	);
	for (const file of sorted) {
		const kept = keeper.get(`${file.dataset} ${file.sha256}`)!;
		if (kept !== file) {
			plan.skip.push({ file, status: 'duplicate', of: kept.path });
			continue;
		}
		const batch = `${file.dataset}/${file.batchId}`;
		const holder = batches.get(batch);
		if (holder !== undefined && holder !== file.path) {
			plan.clashes.push({ file, status: 'rejected', of: holder });
			continue;
		}
		batches.set(batch, file.path);
		const entry = byPath.get(file.path);
		if (!unchanged(file) || entry?.status === 'duplicate') plan.ingest.push(file);
		else
			plan.skip.push({
				file,
				status: entry!.status === 'rejected' ? 'rejected' : 'skipped',
				recorded: entry
			});
	}

	const stays = new Set(plan.skip.filter((s) => s.status === 'skipped').map((s) => s.file.path));
	plan.remove = recorded.filter((entry) => entry.status === 'ingested' && !stays.has(entry.path));
	return plan;
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What the next version records about Raw: one entry per present file, in path order. Files ingested this
 * run (`results`, by path) carry `runId`; skipped files keep their entry; a duplicate or a batch-id clash
 * is recorded with why, so a later run sees it again.
 */
export function recordRawFiles(
	plan: RawPlan,
	results: IngestResult[],
	runId: string,
	present: RawFileVersion[]
): RecordedRawFile[] {
	const stat = new Map(present.map(({ path, size, modified }) => [path, { size, modified }]));
	const entries: RecordedRawFile[] = [
		...results.map((result) => ({ ...result, run_id: runId })),
		...plan.skip.map((skipped) => skipped.recorded ?? { ...notRead(skipped), run_id: runId }),
		...plan.clashes.map((clash) => ({ ...notRead(clash), run_id: runId }))
	];
	return entries
		.map((entry) => ({ ...entry, ...stat.get(entry.path) }))
		.sort((a, b) => compare(a.path, b.path));
}

/**
 * The run log's ingestion entries: every present file (what became of it and why), then every file deleted
 * since the last version.
 */
export function rawFilesLog(
	plan: RawPlan,
	results: IngestResult[],
	recorded: RecordedRawFile[]
): IngestResult[] {
	const before = new Map(recorded.map((entry) => [entry.path, entry]));
	const present = [
		...results.map((result) => {
			const earlier = before.get(result.path);
			if (earlier?.status !== 'ingested' || earlier.sha256 === result.sha256) return result;
			const replaced = `Changed since ${earlier.run_id}: its earlier ${earlier.rows_raw} rows were replaced.`;
			return { ...result, message: result.message ? `${replaced} ${result.message}` : replaced };
		}),
		...plan.skip.map(notRead),
		...plan.clashes.map(notRead)
	];
	const presentPaths = new Set(present.map((entry) => entry.path));
	const deleted = plan.remove
		.filter((entry) => !presentPaths.has(entry.path))
		.map((entry) => ({
			...withoutRunId(entry),
			status: 'removed' as const,
			message: `Deleted from Raw: its ${entry.rows_bronze} rows left every layer.`,
			rows_raw: 0,
			rows_bronze: 0,
			rows_rejected: 0,
			duration_ms: 0
		}));
	return [...present.sort((a, b) => compare(a.path, b.path)), ...deleted];
}

/** A present file that was not read: what the log and the next version say about it. */
function notRead({ file, status, recorded, of }: SkippedRawFile): IngestResult {
	const base = {
		path: file.path,
		dataset: file.dataset,
		batch_id: file.batchId,
		sha256: file.sha256,
		rows_raw: 0,
		rows_bronze: 0,
		rows_rejected: 0,
		duration_ms: 0
	};
	switch (status) {
		case 'skipped':
			return { ...base, status };
		case 'duplicate':
			return {
				...base,
				status,
				message: `The same bytes as ${of}, which is in the lake: skipped as a duplicate batch.`
			};
		case 'rejected':
			return recorded
				? {
						...withoutRunId(recorded),
						status,
						message: `Unchanged since ${recorded.run_id}, so still rejected: ${recorded.message ?? ''}`.trim()
					}
				: {
						...base,
						status,
						message: `Another ${file.dataset} file, ${of}, has the batch id "${file.batchId}" (its name without the extension): rename one of them.`
					};
	}
}

function withoutRunId({ run_id: _runId, ...result }: RecordedRawFile): IngestResult {
	return result;
}

/**
 * The raw files in the lake that did not make it in: rejected whole, or with most of their rows rejected
 * (their ingestion message says so). A run with any ends `succeeded_with_warnings`, and stays so until the
 * file is fixed or removed.
 */
export function rawWarnings(recorded: RecordedRawFile[]): RunWarning[] {
	return recorded
		.filter(
			(file) =>
				file.status === 'rejected' ||
				(file.status === 'ingested' &&
					file.rows_raw > 0 &&
					file.rows_rejected >= file.rows_raw * MOSTLY_REJECTED)
		)
		.map((file) => ({ path: file.path, message: file.message ?? 'The file was rejected.' }));
}
