import type { LakeStore } from '../../lake/lake-store';
import type { LakeManifest, QualityReport, RunLog } from '../types';
import { readLakeJson } from './lake-json';
import {
	journalPath,
	MANIFEST_PATH,
	qualityReportPath,
	RUNS_FOLDER,
	STAGING_FOLDER,
	stagingFolder
} from './lake-layout';
import { completePublish, isPublishJournal } from './publish';

/** The lake's current version, or null when nothing has been published yet. */
export function readManifest(store: LakeStore): Promise<LakeManifest | null> {
	return readLakeJson<LakeManifest>(store, MANIFEST_PATH);
}

/** Every run's log, newest first. A log that is not valid JSON is left out rather than hiding the others. */
export async function listRuns(store: LakeStore): Promise<RunLog[]> {
	const entries = (await store.list(RUNS_FOLDER)).filter((entry) => entry.path.endsWith('.json'));
	const logs = await Promise.all(
		entries.map((entry) => readLakeJson<RunLog>(store, entry.path).catch(() => null))
	);
	return logs
		.filter((log): log is RunLog => typeof log?.run_id === 'string')
		.sort((a, b) => b.started_at.localeCompare(a.started_at) || b.run_id.localeCompare(a.run_id));
}

/** A run's quality report (`analytics/quality/<run_id>.json`), or null when it has none. */
export function readQualityReport(store: LakeStore, runId: string): Promise<QualityReport | null> {
	return readLakeJson<QualityReport>(store, qualityReportPath(runId));
}

/**
 * Cleans up after runs that stopped mid-way (tab closed, crash): a staging folder whose journal was
 * written is published (moves finished, manifest written); any other is deleted. Call with the pipeline
 * lock held, before reading the manifest.
 */
export async function recoverInterruptedRuns(
	store: LakeStore
): Promise<{ rolledForward: string[]; discarded: string[] }> {
	const runIds = new Set((await store.list(STAGING_FOLDER)).map((entry) => entry.path.split('/')[1]));
	const rolledForward: string[] = [];
	const discarded: string[] = [];
	for (const runId of [...runIds].sort()) {
		const journal = await readLakeJson(store, journalPath(runId)).catch(() => null);
		if (isPublishJournal(journal) && journal.run_id === runId) {
			await completePublish(store, journal);
			rolledForward.push(runId);
		} else {
			await store.delete(stagingFolder(runId));
			discarded.push(runId);
		}
	}
	return { rolledForward, discarded };
}
