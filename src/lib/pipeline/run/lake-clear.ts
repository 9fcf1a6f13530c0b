import type { LakeStore } from '../../lake/lake-store';
import type { SqlEngine } from '../../sql/sql-engine';
import { dropPipelineTables, markBronzeVersion } from './engine-bronze';

/** What the lake holds: every file (raw, layers of every kept version, logs, reports, analyses, user). */
export interface LakeSize {
	files: number;
	bytes: number;
}

export async function lakeSize(store: LakeStore): Promise<LakeSize> {
	const entries = await store.list();
	return { files: entries.length, bytes: entries.reduce((total, entry) => total + entry.size, 0) };
}

/**
 * Empties the lake: removes every file it holds (raw files, every version of every layer, manifests, run
 * logs, quality reports, saved basket rules and forecasts, the SQL console's saved files) and drops the
 * engine's pipeline tables, which then hold no version. Run it under the pipeline lock. Resolves to what
 * was freed.
 */
export async function clearLake(store: LakeStore, sql: SqlEngine): Promise<LakeSize> {
	const freed = await lakeSize(store);
	for (const entry of await store.list()) await store.delete(entry.path);
	await forgetPipelineTables(sql);
	return freed;
}

/** Drops the engine's pipeline tables, which then hold no version: for when the lake's files were replaced. */
export async function forgetPipelineTables(sql: SqlEngine): Promise<void> {
	await dropPipelineTables(sql);
	await markBronzeVersion(sql, '');
}
