import type { LakeStore } from '../../lake/lake-store';
import { sha256Hex } from '../../lake/sha256';
import type { ManifestFile, ManifestTable } from '../types';
import { writeLakeJson } from './lake-json';
import { versionedPath } from './lake-layout';

/**
 * A run's outputs on their way into the lake. Each table is written once, under a name only this run uses
 * (`<key>/<run_id>.parquet`), so writing it changes nothing a reader sees: only the manifest, committed
 * after every output is written, makes a version current. `discard` removes what the run wrote.
 */
export class RunOutputs {
	readonly #written: string[] = [];

	constructor(
		readonly store: LakeStore,
		readonly runId: string
	) {}

	/** Writes a table's Parquet bytes and returns its manifest entry. */
	async writeTable(key: string, parquet: Uint8Array, rows: number): Promise<ManifestTable> {
		const path = versionedPath(key, this.runId);
		this.#written.push(path);
		await this.store.write(path, parquet);
		return { path, rows, bytes: parquet.byteLength, sha256: await sha256Hex(parquet) };
	}

	/** Writes one of the run's own records (its quality report), removed too if the run does not commit. */
	async writeJson(path: string, value: unknown): Promise<void> {
		this.#written.push(path);
		await writeLakeJson(this.store, path, value);
	}

	/** Writes a JSON file the version publishes (its figures) and returns its manifest entry. */
	async writePublishedJson(path: string, value: unknown): Promise<ManifestFile> {
		const bytes = new TextEncoder().encode(JSON.stringify(value));
		this.#written.push(path);
		await this.store.write(path, bytes);
		return { path, bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
	}

	/** Removes every output written so far (best effort: the next cleanup removes what is left). */
	async discard(): Promise<void> {
		for (const path of this.#written.splice(0)) await this.store.delete(path);
	}
}
