import { createHash } from 'node:crypto';
import type { LakeEntry, LakeStore, LakeWriter } from '../../../../src/lib/lake/lake-store';
import { readManifest, readTableFile } from '../../../../src/lib/pipeline/run/manifest';

/**
 * A store that dies like a closed tab: its `crashAt`-th change (write, move, delete; counted from 0) never
 * happens, and nothing at all happens after it. Every change attempted is recorded.
 */
export class CrashingStore implements LakeStore {
	readonly changes: string[] = [];
	#dead = false;

	constructor(
		readonly inner: LakeStore,
		readonly crashAt = Infinity
	) {}

	list(prefix?: string): Promise<LakeEntry[]> {
		return this.#alive(() => this.inner.list(prefix));
	}
	stat(path: string): Promise<LakeEntry | null> {
		return this.#alive(() => this.inner.stat(path));
	}
	read(path: string): Promise<Uint8Array> {
		return this.#alive(() => this.inner.read(path));
	}
	blob(path: string): Promise<Blob> {
		return this.#alive(() => this.inner.blob(path));
	}
	write(path: string, data: Uint8Array): Promise<void> {
		return this.#change(`write ${path}`, () => this.inner.write(path, data));
	}
	writer(path: string): Promise<LakeWriter> {
		return this.#change(`writer ${path}`, () => this.inner.writer(path));
	}
	move(from: string, to: string): Promise<void> {
		return this.#change(`move ${from} ${to}`, () => this.inner.move(from, to));
	}
	delete(path: string): Promise<void> {
		return this.#change(`delete ${path}`, () => this.inner.delete(path));
	}

	async #alive<T>(work: () => Promise<T>): Promise<T> {
		if (this.#dead) throw new Error('the store is gone');
		return work();
	}

	async #change<T>(change: string, work: () => Promise<T>): Promise<T> {
		return this.#alive(() => {
			if (this.changes.push(change) - 1 === this.crashAt) this.#dead = true;
			return this.#alive(work);
		});
	}
}

/**
 * What a reader of the lake sees: the published run and, per table the manifest lists, a hash of the
 * file's bytes (read through the manifest, so a damaged or missing file fails the read).
 */
export async function publishedView(
	store: LakeStore
): Promise<{ run_id: string; tables: Record<string, string> } | null> {
	const manifest = await readManifest(store);
	if (!manifest) return null;
	const tables: Record<string, string> = {};
	for (const [key, table] of Object.entries(manifest.tables)) {
		tables[key] = createHash('sha1')
			.update(await readTableFile(store, table))
			.digest('hex');
	}
	return { run_id: manifest.run_id, tables };
}
