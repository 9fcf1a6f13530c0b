import type { LakeStore } from '../../lake/lake-store';
import type { SnapshotLeases } from '../../lake/snapshot-leases';
import type { LakeManifest, RunLog } from '../types';
import { readLakeJson, writeLakeJson } from './lake-json';
import {
	LEGACY_STAGING_FOLDER,
	manifestHistoryPath,
	PIPELINE_LAYERS,
	qualityReportPath,
	RUNS_FOLDER,
	runLogPath
} from './lake-layout';
import { listManifestHistory, readManifest, readManifestVersion } from './manifest';

export interface CleanupResult {
	/** Files and folders removed. */
	removed: string[];
	/** Runs whose log said `publishing`, with what they turned out to be. */
	settled: { run_id: string; status: RunLog['status'] }[];
}

/**
 * Removes what no version needs and settles runs that stopped while publishing (docs/pipeline.md,
 * "Cleanup"): files in Bronze, Silver and Gold that neither the current version, the one before it, nor a
 * version some reader holds lists (outputs of runs that never committed, versions two commits old), the
 * kept manifests of other versions, and a staging folder of an earlier build. Raw, analytics, user files
 * and run logs are never touched. Call with the pipeline lock held; throws LakeCorruptError when the
 * current manifest is damaged (then nothing is removed).
 */
export async function cleanUpLake(store: LakeStore, leases?: SnapshotLeases): Promise<CleanupResult> {
	const current = await readManifest(store);
	const kept = await keptVersions(store, current, (await leases?.held()) ?? new Set());
	const keptFiles = new Set(kept.flatMap(publishedFiles));
	const keptSequences = new Set(kept.map((manifest) => manifest.sequence));
	const removed: string[] = [];
	const remove = async (path: string) => {
		await store.delete(path);
		removed.push(path);
	};

	for (const layer of PIPELINE_LAYERS) {
		for (const { path } of await store.list(layer)) if (!keptFiles.has(path)) await remove(path);
	}
	for (const sequence of await listManifestHistory(store)) {
		if (!keptSequences.has(sequence)) await remove(manifestHistoryPath(sequence));
	}
	if ((await store.list(LEGACY_STAGING_FOLDER)).length > 0) await remove(LEGACY_STAGING_FOLDER);
	const settled = await settlePublishingRuns(store, new Set(kept.map((manifest) => manifest.run_id)));
	for (const { run_id, status } of settled) if (status === 'failed') await remove(qualityReportPath(run_id));
	return { removed, settled };
}

/** Every file a version publishes: its tables' and its figures'. */
function publishedFiles(manifest: LakeManifest): string[] {
	const tables = Object.values(manifest.tables).map((table) => table.path);
	return manifest.figures ? [...tables, manifest.figures.path] : tables;
}

/** The current version, the one before it and every held one, as far as their manifests can be read. */
async function keptVersions(
	store: LakeStore,
	current: LakeManifest | null,
	held: Set<number>
): Promise<LakeManifest[]> {
	if (!current) return [];
	const sequences = new Set([...held, ...(current.previous ? [current.previous.sequence] : [])]);
	sequences.delete(current.sequence);
	const older = await Promise.all(
		[...sequences].map((sequence) => readManifestVersion(store, sequence).catch(() => null))
	);
	return [current, ...older.filter((manifest): manifest is LakeManifest => manifest !== null)];
}

/**
 * A log still saying `publishing` belongs to a run that stopped mid-commit: it succeeded when a kept
 * version is its, else it failed and the previous version stayed current.
 */
async function settlePublishingRuns(
	store: LakeStore,
	committed: Set<string>
): Promise<CleanupResult['settled']> {
	const settled: CleanupResult['settled'] = [];
	for (const { path } of await store.list(RUNS_FOLDER)) {
		const log = await readLakeJson<RunLog>(store, path).catch(() => null);
		if (log?.status !== 'publishing') continue;
		const final: RunLog = committed.has(log.run_id)
			? { ...log, status: publishedStatus(log) }
			: {
					...log,
					status: 'failed',
					error:
						'The run stopped while publishing (the tab closed or the device failed); the previous version stayed current.'
				};
		await writeLakeJson(store, runLogPath(log.run_id), final);
		settled.push({ run_id: log.run_id, status: final.status });
	}
	return settled;
}

/** What a published run's status is: succeeded, with warnings when some raw file did not make it in. */
export function publishedStatus(log: Pick<RunLog, 'warnings'>): RunLog['status'] {
	return (log.warnings?.length ?? 0) > 0 ? 'succeeded_with_warnings' : 'succeeded';
}
