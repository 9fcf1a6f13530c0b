import type { LakeStore } from '../../lake/lake-store';
import type { QualityReport, RunLog } from '../types';
import { readLakeJson } from './lake-json';
import { qualityReportPath, RUNS_FOLDER } from './lake-layout';

export { readManifest } from './manifest';

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
