import type { LakeStore } from '../../lake/lake-store';
import type { LakeManifest } from '../types';
import { writeLakeJson } from './lake-json';
import { journalPath, MANIFEST_PATH, stagingFolder } from './lake-layout';

/** `_staging/<run_id>/_publish.json`: everything needed to finish publishing a run after a crash. */
export interface PublishJournal {
	version: 1;
	run_id: string;
	/** Staged file → final path, in order. */
	moves: { from: string; to: string }[];
	/** Written to `_manifest.json` once every move is done. */
	manifest: LakeManifest;
}

/**
 * A run's outputs on their way into the lake: written under `_staging/<run_id>/<final path>`, then made
 * public all at once by `commit` (journal, moves, manifest last). Until the journal exists, `discard`
 * leaves the lake as it was.
 */
export class StagedRun {
	readonly #finalPaths: string[] = [];
	#committing = false;

	constructor(
		readonly store: LakeStore,
		readonly runId: string
	) {}

	/** True once the journal may exist: from then on the run can only be rolled forward. */
	get committing(): boolean {
		return this.#committing;
	}

	async write(finalPath: string, data: Uint8Array): Promise<void> {
		await this.store.write(this.#staged(finalPath), data);
		this.#finalPaths.push(finalPath);
	}

	async writeJson(finalPath: string, value: unknown): Promise<void> {
		await writeLakeJson(this.store, this.#staged(finalPath), value);
		this.#finalPaths.push(finalPath);
	}

	async commit(manifest: LakeManifest): Promise<void> {
		const journal: PublishJournal = {
			version: 1,
			run_id: this.runId,
			moves: this.#finalPaths.map((to) => ({ from: this.#staged(to), to })),
			manifest
		};
		this.#committing = true;
		await writeLakeJson(this.store, journalPath(this.runId), journal);
		await completePublish(this.store, journal);
	}

	async discard(): Promise<void> {
		await this.store.delete(stagingFolder(this.runId));
	}

	#staged(finalPath: string): string {
		return `${stagingFolder(this.runId)}/${finalPath}`;
	}
}

/**
 * Finishes a committed run: the moves not done yet, the manifest, then the staging folder. Safe to repeat
 * after a crash at any point (a move already done is recognised by its missing source).
 */
export async function completePublish(store: LakeStore, journal: PublishJournal): Promise<void> {
	for (const { from, to } of journal.moves) {
		if (await store.stat(from)) await store.move(from, to);
		else if (!(await store.stat(to))) {
			throw new Error(`Cannot finish publishing ${journal.run_id}: neither ${from} nor ${to} exists`);
		}
	}
	await writeLakeJson(store, MANIFEST_PATH, journal.manifest);
	await store.delete(stagingFolder(journal.run_id));
}

/**
 * Deletes the Parquet files `previous` published that `current` no longer lists (a table a run stopped
 * producing), so they do not pile up. Call only after `current` is the lake's manifest.
 */
export async function deleteUnlistedTables(
	store: LakeStore,
	previous: LakeManifest | null,
	current: LakeManifest
): Promise<void> {
	const kept = new Set(Object.values(current.tables).map(({ path }) => path));
	for (const { path } of Object.values(previous?.tables ?? {})) {
		if (!kept.has(path)) await store.delete(path);
	}
}

/** Whether parsed JSON is a journal this code can finish (one cut short is never written: writes are atomic). */
export function isPublishJournal(value: unknown): value is PublishJournal {
	const journal = value as PublishJournal | null;
	return (
		journal?.version === 1 &&
		typeof journal.run_id === 'string' &&
		Array.isArray(journal.moves) &&
		typeof journal.manifest?.run_id === 'string'
	);
}
