import { createHash } from 'node:crypto';
import type { LakeEntry, LakeStore, LakeWriter } from '../../../../src/lib/lake/lake-store';
import { snapshot } from './fake-steps';

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
 * The lake's files in a comparable form: the run id replaced by `RUN`, run logs reduced to their status
 * (their durations differ from run to run), everything else hashed.
 */
export async function lakeState(store: LakeStore, runId: string): Promise<Record<string, string>> {
	const state: Record<string, string> = {};
	for (const [path, bytes] of await snapshot(store)) {
		const text = new TextDecoder().decode(bytes).replaceAll(runId, 'RUN');
		const key = path.replaceAll(runId, 'RUN');
		state[key] =
			key === '_runs/RUN.json'
				? JSON.parse(text).status
				: createHash('sha1')
						.update(path.endsWith('.json') ? text : bytes)
						.digest('hex');
	}
	return state;
}
